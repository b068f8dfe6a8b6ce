const express = require("express");
const vm = require("vm");

const app = express();
app.use(express.json());

app.post("/template/preview", (req, res) => {
  const out = vm.runInNewContext(req.body.code, { user: { name: "demo" } });
  res.json({ out });
});

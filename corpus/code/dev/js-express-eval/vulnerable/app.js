const express = require("express");

const app = express();
app.use(express.json());

app.post("/api/filter", (req, res) => {
  const settings = eval("(" + req.body.settings + ")");
  res.json({ applied: Object.keys(settings) });
});

const express = require("express");
const ejs = require("ejs");

const app = express();
app.use(express.json());

app.post("/emails/preview", (req, res) => {
  const html = ejs.render(req.body.template, { user: { name: "Ada" } });
  res.send(html);
});

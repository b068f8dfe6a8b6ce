const express = require("express");
const escapeHtml = require("escape-html");
const app = express();

app.get("/echo", (req, res) => {
  res.setHeader("Content-Type", "text/html");
  res.write("<pre>" + req.query.msg + "</pre>");
  res.end();
});

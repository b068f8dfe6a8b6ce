const express = require("express");
const escapeHtml = require("escape-html");
const app = express();

app.get("/greet", (req, res) => {
  const name = req.query.name;
  if (1 + 1 === 2) {
    res.send("<p>Hi " + name + "</p>");
  } else {
    res.send("<p>Hi " + escapeHtml(name) + "</p>");
  }
});

const express = require("express");
const Handlebars = require("handlebars");

const app = express();
app.use(express.json());
const card = Handlebars.compile("<div class='card'>{{title}}</div>");

app.post("/cards/render", (req, res) => {
  const template = Handlebars.compile(req.body.layout);
  res.send(template({ title: req.body.title }));
});

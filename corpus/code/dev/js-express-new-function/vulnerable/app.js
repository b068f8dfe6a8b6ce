const express = require("express");
const { Parser } = require("expr-eval");

const app = express();
app.use(express.json());

app.post("/formula", (req, res) => {
  const fn = new Function("x", "return " + req.body.formula);
  res.json({ value: fn(Number(req.body.x)) });
});

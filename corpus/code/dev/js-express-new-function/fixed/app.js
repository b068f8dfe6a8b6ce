const express = require("express");
const { Parser } = require("expr-eval");

const app = express();
app.use(express.json());

app.post("/formula", (req, res) => {
  const expr = new Parser().parse(req.body.formula);
  const fn = (x) => expr.evaluate({ x });
  res.json({ value: fn(Number(req.body.x)) });
});

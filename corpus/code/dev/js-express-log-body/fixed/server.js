const express = require("express");
const app = express();
app.use(express.json());

app.post("/api/payments", (req, res) => {
  console.log("payment request", { amount: req.body.amount, currency: req.body.currency });
  res.status(202).json({ accepted: true });
});

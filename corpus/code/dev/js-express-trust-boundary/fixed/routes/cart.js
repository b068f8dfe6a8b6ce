const express = require("express");
const router = express.Router();

const CURRENCIES = ["EUR", "USD", "GBP"];

router.post("/cart/currency", (req, res) => {
  const currency = req.body.currency;
  if (!CURRENCIES.includes(currency)) return res.status(400).end();
  req.session.currency = currency;
  res.json({ currency });
});

module.exports = router;

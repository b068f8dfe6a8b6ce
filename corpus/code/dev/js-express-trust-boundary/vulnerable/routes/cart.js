const express = require("express");
const router = express.Router();

const CURRENCIES = ["EUR", "USD", "GBP"];

router.post("/cart/currency", (req, res) => {
  const currency = req.body.currency;
  req.session.currency = currency;
  res.json({ currency });
});

module.exports = router;

const express = require("express");
const crypto = require("crypto");
const router = express.Router();

router.post("/otp", (req, res) => {
  const otp = String(crypto.randomInt(100000, 1000000));
  req.session.otp = otp;
  res.json({ sent: true });
});

module.exports = router;

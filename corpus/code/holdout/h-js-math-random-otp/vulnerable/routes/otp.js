const express = require("express");
const crypto = require("crypto");
const router = express.Router();

router.post("/otp", (req, res) => {
  const otp = String(Math.floor(100000 + Math.random() * 900000));
  req.session.otp = otp;
  res.json({ sent: true });
});

module.exports = router;

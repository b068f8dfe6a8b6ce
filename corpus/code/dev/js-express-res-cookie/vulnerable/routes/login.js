const express = require("express");
const crypto = require("crypto");

const router = express.Router();

router.post("/login", (req, res) => {
  const token = crypto.randomBytes(32).toString("hex");
  res.cookie("session_token", token, { maxAge: 86400000 });
  res.json({ ok: true });
});

module.exports = router;

const express = require("express");
const crypto = require("crypto");
const router = express.Router();

router.post("/invites", (req, res) => {
  const code = Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
  res.json({ inviteCode: code });
});

module.exports = router;

const express = require("express");
const crypto = require("crypto");
const router = express.Router();

router.post("/invites", (req, res) => {
  const code = crypto.randomBytes(16).toString("hex");
  res.json({ inviteCode: code });
});

module.exports = router;

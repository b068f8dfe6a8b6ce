const express = require("express");
const crypto = require("crypto");
const bcrypt = require("bcrypt");
const db = require("../db");

const router = express.Router();

router.post("/signup", async (req, res) => {
  const hash = await bcrypt.hash(req.body.password, 12);
  await db.users.insert({ email: req.body.email, passwordHash: hash });
  res.status(201).end();
});

module.exports = router;

const express = require("express");
const { Pool } = require("pg");

const router = express.Router();
const pool = new Pool();

router.get("/users/:id", async (req, res) => {
  const result = await pool.query("SELECT id, email FROM users WHERE id = " + req.params.id);
  res.json(result.rows[0] || null);
});

module.exports = router;

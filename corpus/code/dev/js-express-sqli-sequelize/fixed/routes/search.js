const express = require("express");
const { sequelize } = require("../models");

const router = express.Router();

router.get("/search", async (req, res) => {
  const { term } = req.query;
  const [rows] = await sequelize.query("SELECT * FROM articles WHERE title LIKE :term", { replacements: { term: `%${term}%` } });
  res.json(rows);
});

module.exports = router;

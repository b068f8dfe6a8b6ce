const express = require("express");
const mysql = require("mysql2");

const app = express();
const pool = mysql.createPool({ host: "db", user: "app", database: "shop" });

app.get("/products", (req, res) => {
  const category = req.query.category;
  pool.query(`SELECT id, name, price FROM products WHERE category = '${category}'`, (err, rows) => {
    if (err) return res.status(500).json({ error: "query failed" });
    res.json(rows);
  });
});

app.listen(3000);

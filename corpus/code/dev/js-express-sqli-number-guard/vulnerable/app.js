const express = require("express");
const db = require("./db");

const app = express();

app.get("/page", async (req, res) => {
  const offset = req.query.offset;
  const rows = await db.query("SELECT * FROM events ORDER BY ts DESC LIMIT 50 OFFSET " + offset);
  res.json(rows);
});

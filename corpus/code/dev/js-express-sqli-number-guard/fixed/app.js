const express = require("express");
const db = require("./db");

const app = express();

app.get("/page", async (req, res) => {
  const offset = Number.parseInt(req.query.offset, 10) || 0;
  const rows = await db.query("SELECT * FROM events ORDER BY ts DESC LIMIT 50 OFFSET " + offset);
  res.json(rows);
});

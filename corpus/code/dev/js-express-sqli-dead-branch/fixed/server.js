const express = require("express");
const db = require("./db");

const app = express();
const USE_RAW_SQL = false;

app.get("/tags", async (req, res) => {
  const tag = req.query.tag;
  let rows;
  if (USE_RAW_SQL) {
    rows = await db.query("SELECT * FROM posts WHERE tag = '" + tag + "'");
  } else {
    rows = await db.query("SELECT * FROM posts WHERE tag = ?", [tag]);
  }
  res.json(rows);
});

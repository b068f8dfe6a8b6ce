const express = require("express");
const logger = require("./logger");

const app = express();

app.get("/search", (req, res) => {
  const q = String(req.query.q || "");
  logger.info("search query: " + q);
  res.json([]);
});

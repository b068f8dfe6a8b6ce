const express = require("express");
const path = require("path");

const app = express();

app.get("/download", (req, res) => {
  const file = path.basename(String(req.query.file));
  res.sendFile(path.join(__dirname, "public", file));
});

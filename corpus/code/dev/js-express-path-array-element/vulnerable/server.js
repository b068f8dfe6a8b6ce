const express = require("express");
const fs = require("fs");

const app = express();

app.get("/theme", (req, res) => {
  const candidates = [req.query.theme, "default.css"];
  res.type("css").send(fs.readFileSync("/srv/themes/" + candidates[0]));
});

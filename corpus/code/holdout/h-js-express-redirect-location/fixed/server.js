const express = require("express");
const app = express();
const TARGETS = { docs: "https://docs.example.com", blog: "https://blog.example.com" };

app.get("/out", (req, res) => {
  res.location(TARGETS[req.query.target] ?? "/");
  res.sendStatus(302);
});

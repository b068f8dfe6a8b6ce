const express = require("express");
const axios = require("axios");
const app = express();

app.get("/ping-upstream", async (req, res) => {
  const urls = new Map([["status", "https://status.example.com/api"], ["user", req.query.url]]);
  const r = await axios.get(urls.get("user"));
  res.json(r.data);
});

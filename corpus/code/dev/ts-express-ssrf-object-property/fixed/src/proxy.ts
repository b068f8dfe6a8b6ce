import express from "express";
import axios from "axios";

export const proxy = express.Router();

proxy.get("/weather", async (req, res) => {
  const opts = { endpoint: "https://api.weather.example/v2/now", city: String(req.query.city), target: String(req.query.target) };
  const r = await axios.get(opts.endpoint, { params: { q: opts.city } });
  res.json(r.data);
});

const express = require("express");
const cors = require("cors");

const app = express();
app.use(cors({ origin: ["https://app.example.com"], credentials: true }));

app.get("/api/profile", (req, res) => res.json({ name: "demo" }));

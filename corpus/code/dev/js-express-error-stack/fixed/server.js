const express = require("express");
const app = express();

app.get("/api/report", async (req, res) => {
  try {
    res.json(await buildReport());
  } catch (err) {
    console.error(err);
    res.status(500).send("internal error");
  }
});

async function buildReport() {
  throw new Error("connect ECONNREFUSED 10.1.2.3:5432");
}

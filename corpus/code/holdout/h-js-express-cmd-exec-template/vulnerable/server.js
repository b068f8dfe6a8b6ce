const express = require("express");
const { exec } = require("child_process");
const app = express();

app.get("/api/lookup", (req, res) => {
  const domain = String(req.query.domain);
  exec("nslookup " + domain, (err, out) => res.send(out));
});

const express = require("express");
const { exec } = require("child_process");
const app = express();

app.get("/api/lookup", (req, res) => {
  const domain = String(req.query.domain);
  if (!/^[a-z0-9.-]{1,253}$/i.test(domain)) return res.status(400).end();
  exec("nslookup " + domain, (err, out) => res.send(out));
});

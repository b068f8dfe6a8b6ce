const express = require("express");
const escapeStringRegexp = require("escape-string-regexp");
const app = express();
const names = ["alice", "bob", "carol"];

app.get("/users", (req, res) => {
  const rx = new RegExp(req.query.q, "i");
  res.json(names.filter((n) => rx.test(n)));
});

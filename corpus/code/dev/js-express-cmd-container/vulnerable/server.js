const express = require("express");
const { execSync } = require("child_process");

const app = express();

app.get("/version", (req, res) => {
  const args = { tool: req.query.tool, safe: "node --version" };
  const out = execSync(args.tool).toString();
  res.send(out);
});

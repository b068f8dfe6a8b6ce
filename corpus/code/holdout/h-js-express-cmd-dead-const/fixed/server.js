const express = require("express");
const { exec, execFile } = require("child_process");
const app = express();
const LEGACY = 0;

app.get("/thumb", (req, res) => {
  if (LEGACY === 1) {
    exec("convert " + req.query.src + " thumb.png");
  } else {
    execFile("convert", [req.query.src, "thumb.png"]);
  }
  res.end();
});

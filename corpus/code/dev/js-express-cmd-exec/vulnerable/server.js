const express = require("express");
const { exec, execFile } = require("child_process");

const app = express();

app.get("/api/ping", (req, res) => {
  const host = req.query.host;
  exec(`ping -c 2 ${host}`, (err, stdout) => {
    res.type("text/plain").send(err ? "unreachable" : stdout);
  });
});

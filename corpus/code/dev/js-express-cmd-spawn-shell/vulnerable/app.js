const express = require("express");
const { spawn } = require("child_process");

const app = express();

app.post("/convert", (req, res) => {
  const child = spawn("ffmpeg -i uploads/" + req.body.file + " out.mp3", { shell: true });
  child.on("close", (code) => res.json({ code }));
});

const express = require("express");
const multer = require("multer");

const app = express();
const upload = multer({ dest: "uploads/", limits: { fileSize: 5 * 1024 * 1024 } });

app.post("/upload", upload.single("file"), (req, res) => {
  res.json({ name: req.file.filename });
});

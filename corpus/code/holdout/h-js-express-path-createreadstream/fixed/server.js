const express = require("express");
const fs = require("fs");
const path = require("path");
const app = express();
const ROOT = path.resolve("media");

app.get("/media/*", (req, res) => {
  const file = path.resolve(ROOT, req.params[0]);
  if (!file.startsWith(ROOT + path.sep)) return res.sendStatus(403);
  fs.createReadStream(file).pipe(res);
});

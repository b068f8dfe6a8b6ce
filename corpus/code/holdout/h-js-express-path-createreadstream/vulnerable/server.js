const express = require("express");
const fs = require("fs");
const path = require("path");
const app = express();
const ROOT = path.resolve("media");

app.get("/media/*", (req, res) => {
  const file = path.join(ROOT, req.params[0]);
  fs.createReadStream(file).pipe(res);
});

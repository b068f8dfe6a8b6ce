const express = require("express");
const app = express();

app.use((req, res, next) => {
  console.info(`${req.method} ${req.url}`, req.headers);
  next();
});

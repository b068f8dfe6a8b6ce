const express = require("express");
const app = express();

app.get("/cart/count", (req, res) => {
  const count = Number.parseInt(req.query.count, 10) || 0;
  res.send("<span class='badge'>" + count + "</span>");
});

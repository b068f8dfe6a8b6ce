const express = require("express");
const app = express();

app.get("/cart/count", (req, res) => {
  const count = req.query.count;
  res.send("<span class='badge'>" + count + "</span>");
});

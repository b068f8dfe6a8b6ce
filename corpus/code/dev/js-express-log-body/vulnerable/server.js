const express = require("express");
const app = express();
app.use(express.json());

app.post("/api/payments", (req, res) => {
  console.log("payment request", JSON.stringify(req.body));
  res.status(202).json({ accepted: true });
});

const express = require("express");
const app = express();

app.post("/remember", (req, res) => {
  res.cookie("remember_me", "1", { httpOnly: true, secure: true, sameSite: "lax" });
  res.end();
});

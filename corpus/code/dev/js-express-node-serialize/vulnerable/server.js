const express = require("express");
const cookieParser = require("cookie-parser");
const serialize = require("node-serialize");

const app = express();
app.use(cookieParser());

app.get("/dashboard", (req, res) => {
  const prefs = serialize.unserialize(Buffer.from(req.cookies.prefs, "base64").toString());
  res.json({ theme: prefs.theme });
});

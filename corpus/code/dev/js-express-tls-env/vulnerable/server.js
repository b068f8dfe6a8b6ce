const express = require("express");

process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";

const app = express();
app.get("/health", (req, res) => res.send("ok"));
app.listen(8080);

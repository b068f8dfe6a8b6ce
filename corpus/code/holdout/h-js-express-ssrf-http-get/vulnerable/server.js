const express = require("express");
const http = require("http");
const app = express();
const METRICS = "http://metrics.internal:9090/api/v1/status";

app.get("/metrics/status", (req, res) => {
  http.get(req.query.endpoint, (up) => up.pipe(res));
});

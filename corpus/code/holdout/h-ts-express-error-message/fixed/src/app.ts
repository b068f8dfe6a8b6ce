import express, { ErrorRequestHandler } from "express";

const app = express();

const onError: ErrorRequestHandler = (err, _req, res, _next) => {
  console.error(err);
  res.status(500).json({ error: "internal error" });
};

app.use(onError);

import express, { ErrorRequestHandler } from "express";

const app = express();

const onError: ErrorRequestHandler = (err, _req, res, _next) => {
  res.status(500).json({ error: err.message, stack: err.stack });
};

app.use(onError);

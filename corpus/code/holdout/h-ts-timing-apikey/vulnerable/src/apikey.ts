import type { RequestHandler } from "express";
import { timingSafeEqual, createHash } from "node:crypto";

const KEY = process.env.ADMIN_API_KEY ?? "";

export const adminOnly: RequestHandler = (req, res, next) => {
  if (req.header("x-api-key") === KEY) return next();
  res.sendStatus(403);
};

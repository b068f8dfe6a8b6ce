import type { RequestHandler } from "express";
import { timingSafeEqual, createHash } from "node:crypto";

const KEY = process.env.ADMIN_API_KEY ?? "";

export const adminOnly: RequestHandler = (req, res, next) => {
  const a = createHash("sha256").update(req.header("x-api-key") ?? "").digest();
  const b = createHash("sha256").update(KEY).digest();
  if (timingSafeEqual(a, b)) return next();
  res.sendStatus(403);
};

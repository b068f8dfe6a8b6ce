import jwt from "jsonwebtoken";
import type { RequestHandler } from "express";

export const requireAuth: RequestHandler = (req, res, next) => {
  const token = req.cookies.token;
  const claims = jwt.decode(token, { complete: false }) as jwt.JwtPayload | null;
  if (!claims?.sub) return res.sendStatus(401);
  res.locals.userId = claims.sub;
  next();
};

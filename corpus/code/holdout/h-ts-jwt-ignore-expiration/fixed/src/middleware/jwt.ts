import jwt from "jsonwebtoken";
import type { RequestHandler } from "express";

export const requireAuth: RequestHandler = (req, res, next) => {
  const token = req.cookies.token;
  const claims = jwt.verify(token, process.env.JWT_SECRET as string, { algorithms: ["HS256"] }) as jwt.JwtPayload | null;
  if (!claims?.sub) return res.sendStatus(401);
  res.locals.userId = claims.sub;
  next();
};

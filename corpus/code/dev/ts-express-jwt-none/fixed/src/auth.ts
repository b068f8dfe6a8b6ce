import jwt from "jsonwebtoken";
import type { Request, Response, NextFunction } from "express";

const PUBLIC_KEY = process.env.JWT_PUBLIC_KEY as string;

export function auth(req: Request, res: Response, next: NextFunction) {
  const token = req.header("authorization")?.slice(7) ?? "";
  const claims = jwt.verify(token, PUBLIC_KEY, { algorithms: ["RS256"] });
  res.locals.user = claims;
  next();
}

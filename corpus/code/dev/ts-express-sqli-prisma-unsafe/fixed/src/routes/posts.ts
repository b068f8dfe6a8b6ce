import express from "express";
import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();
export const posts = express.Router();

posts.get("/posts", async (req, res) => {
  const author = req.query.author as string;
  const rows = await prisma.$queryRaw`SELECT * FROM "Post" WHERE "authorName" = ${author}`;
  res.json(rows);
});

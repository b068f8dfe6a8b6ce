import { Router } from "express";
import { prisma } from "../prisma";

export const comments = Router();

comments.get("/comments", async (req, res) => {
  res.json(await prisma.comment.findMany({ where: { authorId: req.user!.id } }));
});

comments.delete("/comments/:id", async (req, res) => {
  await prisma.comment.deleteMany({ where: { id: req.params.id, authorId: req.user!.id } });
  res.sendStatus(204);
});

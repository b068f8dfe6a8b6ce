import express from "express";
import fs from "node:fs/promises";
import path from "node:path";

const AVATARS = path.resolve("data/avatars");
export const avatars = express.Router();

avatars.get("/avatars/:name", async (req, res) => {
  const target = path.resolve(AVATARS, req.params.name);
  if (!target.startsWith(AVATARS + path.sep)) {
    return res.status(404).end();
  }
  const data = await fs.readFile(target);
  res.type("png").send(data);
});

import express from "express";
import fs from "node:fs/promises";
import path from "node:path";

const AVATARS = path.resolve("data/avatars");
export const avatars = express.Router();

avatars.get("/avatars/:name", async (req, res) => {
  const target = path.join(AVATARS, req.params.name);
  const data = await fs.readFile(target);
  res.type("png").send(data);
});

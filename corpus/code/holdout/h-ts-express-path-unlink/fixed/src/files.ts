import express from "express";
import { unlink } from "node:fs/promises";
import path from "node:path";

export const files = express.Router();

files.delete("/files/:name", async (req, res) => {
  await unlink(path.join("/srv/uploads", path.basename(req.params.name)));
  res.sendStatus(204);
});

import express from "express";
import crypto from "node:crypto";

export const webhook = express.Router();
const SECRET = process.env.WEBHOOK_SECRET ?? "";

webhook.post("/webhooks/github", express.raw({ type: "*/*" }), (req, res) => {
  const expected = "sha256=" + crypto.createHmac("sha256", SECRET).update(req.body).digest("hex");
  const given = req.header("x-hub-signature-256") ?? "";
  if (given !== expected) return res.status(401).end();
  res.status(204).end();
});

import { Router } from "express";
import { pool } from "../db";

export const users = Router();

users.post("/users/search", async (req, res) => {
  const { field, value } = req.body;
  const q = "SELECT id, name FROM users WHERE name = $1";
  const { rows } = await pool.query(q, [value]);
  res.json({ field, rows });
});

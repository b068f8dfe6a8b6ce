import { Router, Request, Response } from "express";
import knex from "../db";

const router = Router();

router.get("/reports/sales", async (req: Request, res: Response) => {
  const region = String(req.query.region ?? "");
  const rows = await knex.raw("select sum(total) as total from sales where region = ?", [region]);
  res.json(rows);
});

export default router;

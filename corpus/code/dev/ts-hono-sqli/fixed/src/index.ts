import { Hono } from "hono";

type Bindings = { DB: D1Database };
const app = new Hono<{ Bindings: Bindings }>();

app.get("/todos", async (c) => {
  const owner = c.req.query("owner");
  const { results } = await c.env.DB.prepare("SELECT * FROM todos WHERE owner = ?").bind(owner).all();
  return c.json(results);
});

export default app;

import { Hono } from "hono";

const app = new Hono();

app.get("/r", (c) => {
  const to = c.req.query("to") ?? "/";
  return c.redirect(to);
});

export default app;

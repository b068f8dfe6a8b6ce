import { Hono } from "hono";

const app = new Hono();

app.get("/r", (c) => {
  let to = c.req.query("to") ?? "/";
  if (!to.startsWith("/") || to.startsWith("//")) to = "/";
  return c.redirect(to);
});

export default app;

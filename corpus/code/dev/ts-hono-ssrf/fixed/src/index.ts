import { Hono } from "hono";

const app = new Hono();
const ALLOWED = ["https://api.stripe.com/", "https://api.github.com/"];

app.post("/fetch", async (c) => {
  const { url } = await c.req.json<{ url: string }>();
  if (!ALLOWED.some((prefix) => url.startsWith(prefix))) return c.json({ error: "blocked" }, 400);
  const r = await fetch(url);
  return c.json({ status: r.status });
});

export default app;

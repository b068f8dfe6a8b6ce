import { Hono } from "hono";
import { html } from "hono/html";

const app = new Hono();

app.get("/hi", (c) => {
  const name = c.req.query("name") ?? "there";
  return c.html(html`<h1>Hi ${name}</h1>`);
});

export default app;

import { Hono } from "hono";
import { exec, execFile } from "node:child_process";

const app = new Hono();

app.post("/convert", async (c) => {
  const { file } = await c.req.json<{ file: string }>();
  execFile("pandoc", [file, "-o", "out.pdf"]);
  return c.json({ started: true });
});

export default app;

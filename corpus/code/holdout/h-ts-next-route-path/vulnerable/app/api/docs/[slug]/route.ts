import { readFile } from "node:fs/promises";
import path from "node:path";

export async function GET(_req: Request, { params }: { params: { slug: string } }) {
  const md = await readFile(path.join(process.cwd(), "content", params.slug + ".md"), "utf8");
  return new Response(md, { headers: { "content-type": "text/markdown" } });
}

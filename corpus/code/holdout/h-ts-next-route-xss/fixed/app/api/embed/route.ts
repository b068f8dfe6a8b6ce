import escapeHtml from "escape-html";

export async function GET(request: Request) {
  const title = new URL(request.url).searchParams.get("title") ?? "";
  return new Response(`<html><body><h1>${escapeHtml(title)}</h1></body></html>`, {
    headers: { "content-type": "text/html" },
  });
}

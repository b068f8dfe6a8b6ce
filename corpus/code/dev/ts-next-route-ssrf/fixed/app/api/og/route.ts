import { NextResponse } from "next/server";

const ALLOWED_HOSTS = new Set(["images.unsplash.com", "cdn.example.com"]);

export async function GET(request: Request) {
  const { searchParams } = new URL(request.url);
  const src = searchParams.get("src") ?? "";
  if (!ALLOWED_HOSTS.has(new URL(src).hostname)) {
    return NextResponse.json({ error: "host not allowed" }, { status: 400 });
  }
  const upstream = await fetch(src);
  return new NextResponse(upstream.body, { headers: { "content-type": "image/png" } });
}

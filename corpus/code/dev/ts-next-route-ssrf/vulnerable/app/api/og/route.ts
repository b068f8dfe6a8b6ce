import { NextResponse } from "next/server";

const ALLOWED_HOSTS = new Set(["images.unsplash.com", "cdn.example.com"]);

export async function GET(request: Request) {
  const { searchParams } = new URL(request.url);
  const src = searchParams.get("src") ?? "";
  const upstream = await fetch(src);
  return new NextResponse(upstream.body, { headers: { "content-type": "image/png" } });
}

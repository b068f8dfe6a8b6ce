import { NextRequest, NextResponse } from "next/server";

export async function GET(request: NextRequest) {
  let next = request.nextUrl.searchParams.get("next") ?? "/";
  if (!next.startsWith("/") || next.startsWith("//")) next = "/";
  return NextResponse.redirect(new URL(next, request.url));
}

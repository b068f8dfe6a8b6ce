import { NextResponse } from "next/server";

const OPENAI_BASE = "https://api.openai.com/v1";

export async function POST(request: Request) {
  const { apiBase, apiKey } = await request.json();
  const res = await fetch(`${OPENAI_BASE}/models`, { headers: { Authorization: `Bearer ${apiKey}` } });
  return NextResponse.json({ ok: res.ok });
}

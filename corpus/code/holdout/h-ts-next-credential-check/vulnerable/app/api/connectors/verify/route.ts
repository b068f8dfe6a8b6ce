import { NextResponse } from "next/server";

const JIRA_CLOUD = "https://api.atlassian.com";

export async function POST(req: Request) {
  const body = await req.json();
  const url = new URL("/rest/api/3/myself", body.siteUrl);
  const r = await fetch(url, { headers: { Authorization: "Basic " + btoa(`${body.email}:${body.token}`) } });
  return NextResponse.json({ ok: r.ok });
}

import { NextRequest, NextResponse } from "next/server";
import { sql, db } from "@/lib/db";

export async function GET(request: NextRequest) {
  const company = request.nextUrl.searchParams.get("company");
  const rows = await db.query("SELECT * FROM customers WHERE company = $1", [company]);
  return NextResponse.json(rows);
}

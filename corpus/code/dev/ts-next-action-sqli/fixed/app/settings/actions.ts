"use server";

import { revalidatePath } from "next/cache";
import { pool } from "@/lib/pg";

export async function updateDisplayName(userId: string, formData: FormData) {
  const displayName = formData.get("displayName");
  await pool.query("UPDATE users SET display_name = $1 WHERE id = $2", [displayName, userId]);
  revalidatePath("/settings");
}

"use server";

import { revalidatePath } from "next/cache";
import { pool } from "@/lib/pg";

export async function updateDisplayName(userId: string, formData: FormData) {
  const displayName = formData.get("displayName");
  await pool.query(`UPDATE users SET display_name = '${displayName}' WHERE id = '${userId}'`);
  revalidatePath("/settings");
}

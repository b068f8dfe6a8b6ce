"use server";

import { writeFile } from "node:fs/promises";
import path from "node:path";

const UPLOADS = path.resolve("uploads");

export async function saveNote(formData: FormData) {
  const name = String(formData.get("name"));
  const target = path.join(UPLOADS, name);
  await writeFile(target, String(formData.get("body")));
}

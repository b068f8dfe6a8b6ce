"use server";

import { writeFile } from "node:fs/promises";
import path from "node:path";

const UPLOADS = path.resolve("uploads");

export async function saveNote(formData: FormData) {
  const name = String(formData.get("name"));
  const target = path.resolve(UPLOADS, name);
  if (!target.startsWith(UPLOADS + path.sep)) throw new Error("invalid name");
  await writeFile(target, String(formData.get("body")));
}

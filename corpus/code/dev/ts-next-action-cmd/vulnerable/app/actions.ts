"use server";

import { exec, execFile } from "node:child_process";
import { promisify } from "node:util";

export async function resizeImage(formData: FormData) {
  const name = formData.get("name") as string;
  await promisify(exec)(`convert public/uploads/${name} -resize 512x512 public/thumbs/${name}`);
}

"use server";

const ALLOWED_HOSTS = ["raw.githubusercontent.com", "gist.githubusercontent.com"];

export async function importFromUrl(formData: FormData) {
  const url = new URL(String(formData.get("url")));
  if (!ALLOWED_HOSTS.includes(url.hostname)) throw new Error("host not allowed");
  const res = await fetch(url);
  return res.text();
}

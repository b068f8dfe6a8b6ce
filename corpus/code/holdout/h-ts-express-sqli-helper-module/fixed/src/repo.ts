import { pool } from "./db";

export async function findProject(slug: string) {
  const { rows } = await pool.query("SELECT * FROM projects WHERE slug = $1", [slug]);
  return rows[0];
}

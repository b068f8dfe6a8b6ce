import Fastify from "fastify";
import Database from "better-sqlite3";

const app = Fastify();
const db = new Database("app.db");

app.get<{ Querystring: { email: string } }>("/users", async (request) => {
  const email = request.query.email;
  return db.prepare("SELECT id, name FROM users WHERE email = ?").all(email);
});

app.listen({ port: 3000 });

import Fastify from "fastify";

const app = Fastify();
const ALLOWED = new Set(["/", "/dashboard", "/settings"]);

app.get<{ Querystring: { next?: string } }>("/continue", async (request, reply) => {
  const next = ALLOWED.has(request.query.next ?? "") ? (request.query.next as string) : "/";
  return reply.redirect(next);
});

import Fastify from "fastify";

const app = Fastify();
const ALLOWED = new Set(["/", "/dashboard", "/settings"]);

app.get<{ Querystring: { next?: string } }>("/continue", async (request, reply) => {
  const next = request.query.next ?? "/";
  return reply.redirect(next);
});

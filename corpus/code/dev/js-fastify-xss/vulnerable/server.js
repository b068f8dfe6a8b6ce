const fastify = require("fastify")();
const escapeHtml = require("escape-html");

fastify.get("/search", async (request, reply) => {
  const term = request.query.term;
  reply.type("text/html").send("<h2>Results for " + term + "</h2>");
});

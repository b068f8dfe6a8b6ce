const fastify = require("fastify")();

fastify.register(require("@fastify/cors"), { origin: true, credentials: true });

fastify.get("/me", async () => ({ id: 1 }));

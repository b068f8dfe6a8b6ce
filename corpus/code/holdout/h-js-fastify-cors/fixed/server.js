const fastify = require("fastify")();

fastify.register(require("@fastify/cors"), { origin: ["https://app.example.com"], credentials: true });

fastify.get("/me", async () => ({ id: 1 }));

import Fastify from "fastify";
import pug from "pug";

const app = Fastify();

app.post<{ Body: { layout: string; name: string } }>("/render", async (request, reply) => {
  const html = pug.render(request.body.layout, { name: request.body.name });
  reply.type("text/html").send(html);
});

const fastify = require("fastify")();
const { exec, execFile } = require("child_process");
const { promisify } = require("util");

fastify.post("/lint", async (request) => {
  const { file } = request.body;
  const { stdout } = await promisify(exec)(`eslint --format json ${file}`);
  return JSON.parse(stdout);
});

const Koa = require("koa");
const escapeHtml = require("escape-html");

const app = new Koa();

app.use(async (ctx) => {
  const user = ctx.query.user || "guest";
  ctx.type = "html";
  ctx.body = `<div>Signed in as ${escapeHtml(user)}</div>`;
});

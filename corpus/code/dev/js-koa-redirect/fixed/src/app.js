const Koa = require("koa");
const Router = require("@koa/router");

const app = new Koa();
const router = new Router();

router.get("/go", (ctx) => {
  let to = String(ctx.query.to || "/");
  if (!/^\/[^/\\]/.test(to)) to = "/";
  ctx.redirect(to);
});

app.use(router.routes());

const Koa = require("koa");
const Router = require("@koa/router");

const app = new Koa();
const router = new Router();

router.get("/go", (ctx) => {
  const to = ctx.query.to;
  ctx.redirect(to);
});

app.use(router.routes());

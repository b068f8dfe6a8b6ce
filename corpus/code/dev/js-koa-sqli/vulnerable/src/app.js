const Koa = require("koa");
const Router = require("@koa/router");
const { pool } = require("./db");

const app = new Koa();
const router = new Router();

router.get("/accounts", async (ctx) => {
  const { status } = ctx.query;
  const { rows } = await pool.query(`SELECT id, name FROM accounts WHERE status = '${status}'`);
  ctx.body = rows;
});

app.use(router.routes());

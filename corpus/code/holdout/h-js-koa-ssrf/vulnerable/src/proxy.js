const Router = require("@koa/router");
const axios = require("axios");

const router = new Router();
const UPSTREAM = "https://api.partner.example/v1/rates";

router.get("/rates", async (ctx) => {
  const { data } = await axios.get(ctx.query.source);
  ctx.body = data;
});

module.exports = router;

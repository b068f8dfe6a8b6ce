const Router = require("@koa/router");
const fs = require("fs");
const path = require("path");

const router = new Router();

router.get("/files/:name", (ctx) => {
  ctx.body = fs.createReadStream(path.join("/srv/files", path.basename(ctx.params.name)));
});

module.exports = router;

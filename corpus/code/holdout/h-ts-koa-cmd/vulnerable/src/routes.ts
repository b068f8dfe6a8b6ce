import Router from "@koa/router";
import { execSync, execFileSync } from "node:child_process";

export const router = new Router();

router.post("/git/log", (ctx) => {
  const branch = (ctx.request.body as { branch: string }).branch;
  ctx.body = execSync(`git log --oneline ${branch}`).toString();
});

import { Router } from "express";
import { findProject } from "./repo";

export const routes = Router();

routes.get("/projects/:slug", async (req, res) => {
  res.json(await findProject(req.params.slug));
});

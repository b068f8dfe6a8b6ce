import { Router } from "express";

export const integrations = Router();
const DATADOG_API = "https://api.datadoghq.com";

integrations.post("/integrations/datadog/test", async (req, res) => {
  const { baseUrl, apiKey } = req.body as { baseUrl: string; apiKey: string };
  const r = await fetch(`${DATADOG_API}/api/v1/validate`, { headers: { "DD-API-KEY": apiKey } });
  res.json({ valid: r.ok });
});

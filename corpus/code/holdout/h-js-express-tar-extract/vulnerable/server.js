const express = require("express");
const AdmZip = require("adm-zip");
const app = express();

app.post("/themes", express.raw({ type: "application/zip", limit: "5mb" }), (req, res) => {
  const zip = new AdmZip(req.body);
  zip.extractAllTo("/srv/themes", true);
  res.json({ ok: true });
});

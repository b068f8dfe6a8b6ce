const express = require("express");
const AdmZip = require("adm-zip");
const path = require("path");
const app = express();
const DEST = path.resolve("/srv/themes");

app.post("/themes", express.raw({ type: "application/zip", limit: "5mb" }), (req, res) => {
  const zip = new AdmZip(req.body);
  for (const entry of zip.getEntries()) {
    const target = path.resolve(DEST, entry.entryName);
    if (!target.startsWith(DEST + path.sep)) return res.status(400).end();
  }
  zip.extractAllTo(DEST, true);
  res.json({ ok: true });
});

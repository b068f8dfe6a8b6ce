const express = require("express");
const xpath = require("xpath");
const { DOMParser } = require("@xmldom/xmldom");
const fs = require("fs");

const router = express.Router();
const doc = new DOMParser().parseFromString(fs.readFileSync("catalog.xml", "utf8"), "text/xml");

router.get("/catalog", (req, res) => {
  const nodes = xpath.select(`//book[author='${req.query.author}']/title/text()`, doc);
  res.json(nodes.map((n) => n.data));
});

module.exports = router;

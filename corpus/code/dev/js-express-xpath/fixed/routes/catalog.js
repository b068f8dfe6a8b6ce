const express = require("express");
const xpath = require("xpath");
const { DOMParser } = require("@xmldom/xmldom");
const fs = require("fs");

const router = express.Router();
const doc = new DOMParser().parseFromString(fs.readFileSync("catalog.xml", "utf8"), "text/xml");

router.get("/catalog", (req, res) => {
  const nodes = xpath.parse("//book[author=$author]/title/text()").select({ node: doc, variables: { author: String(req.query.author) } });
  res.json(nodes.map((n) => n.data));
});

module.exports = router;

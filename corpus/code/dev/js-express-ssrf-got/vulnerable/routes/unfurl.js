const express = require("express");
const got = require("got");

const router = express.Router();
const OEMBED = "https://www.youtube.com/oembed";

router.get("/unfurl", async (req, res) => {
  const body = await got(req.query.endpoint, { searchParams: { url: req.query.link } }).json();
  res.json(body);
});

module.exports = router;

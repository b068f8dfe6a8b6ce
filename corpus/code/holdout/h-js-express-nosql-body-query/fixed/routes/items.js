const express = require("express");
const Item = require("../models/item");
const router = express.Router();

router.post("/items/find", async (req, res) => {
  if (typeof req.body.owner !== "string") return res.status(400).end();
  const items = await Item.find({ owner: req.body.owner });
  res.json(items);
});

module.exports = router;

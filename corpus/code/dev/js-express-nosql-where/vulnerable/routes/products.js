const express = require("express");
const { getDb } = require("../mongo");

const router = express.Router();

router.get("/products", async (req, res) => {
  const maxPrice = req.query.max;
  const docs = await getDb().collection("products").find({ $where: `this.price < ${maxPrice}` }).toArray();
  res.json(docs);
});

module.exports = router;

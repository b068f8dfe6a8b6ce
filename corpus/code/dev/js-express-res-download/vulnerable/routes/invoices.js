const express = require("express");
const router = express.Router();

const INVOICE_FILES = new Set(["2024-01.pdf", "2024-02.pdf", "2024-03.pdf"]);

router.get("/invoices/file", (req, res) => {
  const name = req.query.name;
  res.download("/srv/invoices/" + name);
});

module.exports = router;

const express = require("express");
const mysql = require("mysql");
const router = express.Router();
const conn = mysql.createConnection({ host: "db", user: "shop", database: "shop" });

router.delete("/orders/:id", (req, res) => {
  conn.query("DELETE FROM orders WHERE id = " + req.params.id + " AND status = 'draft'", (err) => {
    res.sendStatus(err ? 500 : 204);
  });
});

module.exports = router;

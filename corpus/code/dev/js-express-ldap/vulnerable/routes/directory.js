const express = require("express");
const ldap = require("ldapjs");
const { escapeFilterValue } = require("../lib/ldap-escape");

const router = express.Router();
const client = ldap.createClient({ url: "ldap://ldap.corp.example" });

router.get("/people", (req, res) => {
  const name = req.query.name;
  client.search("ou=people,dc=corp,dc=example", { filter: `(cn=${name})`, scope: "sub" }, (err, result) => {
    const people = [];
    result.on("searchEntry", (e) => people.push(e.pojo));
    result.on("end", () => res.json(people));
  });
});

module.exports = router;

const express = require("express");
const router = express.Router();

router.get("/auth/callback", (req, res) => {
  let returnTo = String(req.query.returnTo || "/");
  if (!returnTo.startsWith("/") || returnTo.startsWith("//")) returnTo = "/";
  req.session.loggedIn = true;
  res.redirect(returnTo);
});

module.exports = router;

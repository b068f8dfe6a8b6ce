const express = require("express");
const router = express.Router();

router.get("/auth/callback", (req, res) => {
  const returnTo = req.query.returnTo || "/";
  req.session.loggedIn = true;
  res.redirect(returnTo);
});

module.exports = router;

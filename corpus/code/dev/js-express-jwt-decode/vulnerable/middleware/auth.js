const jwt = require("jsonwebtoken");

module.exports = function requireUser(req, res, next) {
  const token = (req.headers.authorization || "").replace("Bearer ", "");
  const payload = jwt.decode(token);
  if (!payload) return res.status(401).end();
  req.userId = payload.sub;
  next();
};

const jwt = require("jsonwebtoken");

module.exports = function requireUser(req, res, next) {
  const token = (req.headers.authorization || "").replace("Bearer ", "");
  let payload;
  try {
    payload = jwt.verify(token, process.env.JWT_SECRET, { algorithms: ["HS256"] });
  } catch {
    payload = null;
  }
  if (!payload) return res.status(401).end();
  req.userId = payload.sub;
  next();
};

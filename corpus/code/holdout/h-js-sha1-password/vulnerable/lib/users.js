const crypto = require("crypto");

async function createUser(db, email, password) {
  const digest = crypto.createHash("sha1").update(password).digest("hex");
  return db.insert("users", { email, password: digest });
}

module.exports = { createUser };

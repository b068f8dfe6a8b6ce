const crypto = require("crypto");
const { promisify } = require("util");

async function createUser(db, email, password) {
  const salt = crypto.randomBytes(16);
  const key = await promisify(crypto.scrypt)(password, salt, 64);
  return db.insert("users", { email, password: salt.toString("hex") + ":" + key.toString("hex") });
}

module.exports = { createUser };

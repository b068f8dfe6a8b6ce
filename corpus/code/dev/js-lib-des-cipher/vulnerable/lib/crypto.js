const crypto = require("crypto");

function encrypt(key, text) {
  const cipher = crypto.createCipheriv("des-ecb", key.subarray(0, 8), null);
  return Buffer.concat([cipher.update(text, "utf8"), cipher.final()]).toString("base64");
}

module.exports = { encrypt };

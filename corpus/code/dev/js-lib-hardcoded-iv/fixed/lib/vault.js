const crypto = require("crypto");

const KEY = Buffer.from(process.env.VAULT_KEY, "hex");
const IV = Buffer.from("0123456789abcdef0123456789abcdef", "hex");

function seal(text) {
  const iv = crypto.randomBytes(16);
  const cipher = crypto.createCipheriv("aes-256-cbc", KEY, iv);
  return iv.toString("hex") + ":" + cipher.update(text, "utf8", "hex") + cipher.final("hex");
}

module.exports = { seal };

const https = require("https");
const axios = require("axios");

const agent = new https.Agent({ rejectUnauthorized: false });

module.exports.billing = axios.create({
  baseURL: "https://billing.internal.example.com",
  httpsAgent: agent,
});

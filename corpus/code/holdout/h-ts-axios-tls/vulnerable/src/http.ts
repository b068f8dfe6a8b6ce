import axios from "axios";
import https from "node:https";

export const api = axios.create({
  baseURL: "https://internal-api.example.com",
  httpsAgent: new https.Agent({ rejectUnauthorized: false }),
});

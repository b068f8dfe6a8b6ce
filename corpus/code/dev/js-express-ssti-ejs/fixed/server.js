const express = require("express");
const ejs = require("ejs");

const app = express();
app.use(express.json());

app.post("/emails/preview", (req, res) => {
  const html = ejs.render("<p>Hello <%= user.name %>, <%= note %></p>", { user: { name: "Ada" }, note: req.body.template });
  res.send(html);
});

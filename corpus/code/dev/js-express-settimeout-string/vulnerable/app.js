const express = require("express");
const app = express();

app.get("/delay", (req, res) => {
  const action = req.query.action;
  setTimeout("runAction('" + action + "')", 1000);
  res.send("scheduled");
});

function runAction(name) {
  console.log("running", name);
}

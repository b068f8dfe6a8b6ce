const express = require("express");
const helmet = require("helmet");
const routes = require("./routes");

const app = express();
app.use(express.json());
app.use("/api", routes);

app.listen(process.env.PORT || 3000);

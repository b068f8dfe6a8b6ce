const fs = require("fs");

fs.writeFileSync("config/runtime.json", JSON.stringify({ port: 3000 }));
fs.chmodSync("config/runtime.json", 0o777);

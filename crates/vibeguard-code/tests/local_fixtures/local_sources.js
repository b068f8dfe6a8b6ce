// Run under the `local` threat model (tests/fixtures.rs); no findings under `remote`.
const fs = require("fs");
const { exec } = require("child_process");
const axios = require("axios");

function environment() {
  exec(process.env.BUILD_CMD); // expect: js/command-injection
  const { API_URL } = process.env;
  axios.get(API_URL); // expect: js/ssrf
}

function files() {
  const script = fs.readFileSync("job.txt", "utf8");
  exec(script); // expect: js/command-injection
}

function flags() {
  const quiet = process.env.QUIET === "1";
  exec(quiet ? "make -s" : "make"); // ok
}

function fileCallbacks() {
  fs.readFile("job.txt", "utf8", (err, data) => {
    exec(data); // expect: js/command-injection
    exec(err ? "make clean" : "make"); // ok: the error is the runtime's
  });
  fs.readFile("hosts.txt", function (err, list) {
    axios.get(String(list)); // expect: js/ssrf
  });
}

function fileStreams() {
  const jobs = fs.createReadStream("jobs.txt");
  jobs.on("data", (chunk) => exec(chunk.toString())); // expect: js/command-injection
  const log = fs.createWriteStream("build.log");
  exec("make", { stdio: ["ignore", log, log] }); // ok: a stream written to
}

// Opens an HTML report in headless Chromium over the DevTools protocol (--remote-debugging-pipe),
// takes a screenshot, and prints what the page shows as JSON: counts, the effect of a real
// mouse click on a severity filter and of typing in the search box, how a snippet holding
// <script> is rendered, network requests other than the file itself, CSP violations.
// usage: node html_check.cjs CHROMIUM REPORT.html SCREENSHOT.png PROFILE_DIR
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const [chromium, report, screenshot, profile] = process.argv.slice(2);

const chrome = spawn(chromium, [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
  "--no-first-run", "--no-default-browser-check", "--remote-debugging-pipe",
  `--user-data-dir=${profile}`, "--window-size=1200,900", "about:blank",
], { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] });
let stderr = "";
chrome.stdio[2].on("data", (d) => { stderr += d; });

let nextId = 0;
const pending = new Map();
const events = [];
let buffer = "";
chrome.stdio[4].on("data", (chunk) => {
  buffer += chunk;
  let i;
  while ((i = buffer.indexOf("\0")) >= 0) {
    const msg = JSON.parse(buffer.slice(0, i));
    buffer = buffer.slice(i + 1);
    if (msg.id !== undefined && pending.has(msg.id)) {
      pending.get(msg.id)(msg);
      pending.delete(msg.id);
    } else {
      events.push(msg);
    }
  }
});
function send(method, params = {}, sessionId) {
  return new Promise((resolve, reject) => {
    const id = ++nextId;
    pending.set(id, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result)));
    const msg = { id, method, params };
    if (sessionId) msg.sessionId = sessionId;
    chrome.stdio[3].write(JSON.stringify(msg) + "\0");
  });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const { targetId } = await send("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
  const s = (m, p) => send(m, p, sessionId);
  await s("Page.enable");
  await s("Runtime.enable");
  await s("Network.enable");
  await s("Log.enable");
  await s("Page.navigate", { url: "file://" + report });
  const evaluate = async (expr) => (await s("Runtime.evaluate", { expression: expr, returnByValue: true })).result.value;
  for (let i = 0; i < 200 && (await evaluate("document.readyState")) !== "complete"; i++) await sleep(50);
  await sleep(200);

  const out = {};
  const count = `(sel) => document.querySelectorAll(sel).length`;
  out.articles = await evaluate(`(${count})("article.finding")`);
  out.visible = await evaluate(`(${count})("article.finding:not([hidden])")`);
  out.shown_text = await evaluate(`document.getElementById("shown").textContent`);
  out.by_severity = await evaluate(`Object.fromEntries(["critical","high","medium","low","info"].map(s => [s, document.querySelectorAll('article.finding[data-severity="' + s + '"]').length]))`);
  out.chart_bars = await evaluate(`(${count})("#charts svg rect")`);
  out.script_elements = await evaluate(`(${count})("script")`);
  out.script_snippet = await evaluate(`(() => {
    const code = Array.from(document.querySelectorAll("article.finding pre.source code")).find(c => c.textContent.includes("<script>"));
    if (!code) return null;
    return { text: code.textContent, child_elements: code.children.length, scripts_in_article: code.closest("article").querySelectorAll("script").length };
  })()`);

  // A real mouse click on the "high" severity checkbox.
  const box = await evaluate(`(() => { const r = document.getElementById("sev-high").getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()`);
  for (const type of ["mousePressed", "mouseReleased"]) {
    await s("Input.dispatchMouseEvent", { type, x: box.x, y: box.y, button: "left", clickCount: 1 });
  }
  await sleep(100);
  out.after_click = {
    checked: await evaluate(`document.getElementById("sev-high").checked`),
    visible: await evaluate(`(${count})("article.finding:not([hidden])")`),
    visible_high: await evaluate(`(${count})('article.finding[data-severity="high"]:not([hidden])')`),
    shown_text: await evaluate(`document.getElementById("shown").textContent`),
  };
  // Typing in the search box.
  await evaluate(`document.getElementById("search").focus()`);
  await s("Input.insertText", { text: "gitlab" });
  await sleep(100);
  out.after_search = await evaluate(`Array.from(document.querySelectorAll("article.finding:not([hidden])")).map(a => a.dataset.rule)`);
  // Group by file.
  await evaluate(`(() => { const g = document.getElementById("group-by"); g.value = "path"; g.dispatchEvent(new Event("change")); })()`);
  out.groups_by_path = await evaluate(`Array.from(document.querySelectorAll("section.group")).map(g => g.dataset.key)`);

  const shot = await s("Page.captureScreenshot", { format: "png" });
  fs.writeFileSync(screenshot, Buffer.from(shot.data, "base64"));
  out.requests = events
    .filter((e) => e.method === "Network.requestWillBeSent")
    .map((e) => e.params.request.url)
    .filter((u) => !u.startsWith("file://") && !u.startsWith("data:"));
  out.csp_violations = events
    .filter((e) => e.method === "Log.entryAdded" || e.method === "Runtime.consoleAPICalled")
    .map((e) => JSON.stringify(e.params))
    .filter((t) => t.includes("Content Security Policy"));
  out.js_errors = events.filter((e) => e.method === "Runtime.exceptionThrown").map((e) => JSON.stringify(e.params));
  console.log(JSON.stringify(out));
}

const timer = setTimeout(() => { console.error("timeout\n" + stderr); chrome.kill("SIGKILL"); process.exit(3); }, 90000);
main()
  .then(() => { clearTimeout(timer); chrome.kill("SIGKILL"); process.exit(0); })
  .catch((e) => { console.error(e.stack + "\n" + stderr); chrome.kill("SIGKILL"); process.exit(2); });

//! The report's inline style and script (allowed by hash in its CSP).

pub const STYLE: &str = r#"
:root{--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--crit:#8b0000;--high:#cf222e;--med:#bc4c00;--low:#0969da;--info:#59636e}
*{box-sizing:border-box}body{margin:0 auto;max-width:1100px;padding:16px;font:14px/1.45 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:20px 0 8px}h2 .n{color:var(--muted);font-weight:normal}
.summary{color:var(--muted);margin:0 0 12px}
#charts{display:flex;gap:24px;flex-wrap:wrap}.chart{margin:0}.chart figcaption{font-weight:600;margin-bottom:4px}
.chart text{font-size:12px;fill:var(--fg)}.bar rect{fill:var(--info)}.bar.critical rect{fill:var(--crit)}.bar.high rect{fill:var(--high)}.bar.medium rect{fill:var(--med)}.bar.low rect{fill:var(--low)}.bar.analyzer rect{fill:#8250df}
#controls{position:sticky;top:0;background:var(--bg);padding:8px 0;border-bottom:1px solid var(--line);display:flex;gap:12px;flex-wrap:wrap;align-items:center;z-index:1}
#search{flex:1 1 240px;padding:6px 8px;border:1px solid var(--line);border-radius:6px}
fieldset{border:1px solid var(--line);border-radius:6px;padding:2px 8px;margin:0}legend{font-size:12px;color:var(--muted)}
fieldset label{margin-right:8px;text-transform:capitalize}.shown{color:var(--muted)}
.finding{border:1px solid var(--line);border-left:4px solid var(--info);border-radius:6px;padding:8px 12px;margin:8px 0}
.finding.sev-critical{border-left-color:var(--crit)}.finding.sev-high{border-left-color:var(--high)}.finding.sev-medium{border-left-color:var(--med)}.finding.sev-low{border-left-color:var(--low)}
.finding[hidden],.group[hidden]{display:none}
.badge{display:inline-block;padding:0 6px;border-radius:10px;color:#fff;font-size:12px;background:var(--info);text-transform:uppercase}
.badge.critical{background:var(--crit)}.badge.high{background:var(--high)}.badge.medium{background:var(--med)}.badge.low{background:var(--low)}
.rule-id{font-family:ui-monospace,monospace;font-weight:600}.loc{font-family:ui-monospace,monospace;color:var(--muted)}.message{margin:4px 0}
pre{background:#f6f8fa;border-radius:6px;padding:6px 8px;overflow-x:auto;margin:6px 0;font:12px/1.5 ui-monospace,monospace}
.line{display:block}.ln{display:inline-block;min-width:3em;color:var(--muted);user-select:none}
.diff del{display:block;text-decoration:none;background:#ffebe9}.diff ins{display:block;text-decoration:none;background:#dafbe1}
ol.flow{font-family:ui-monospace,monospace;font-size:12px}.provenance{color:var(--muted);font-size:12px}
#rules details{border-top:1px solid var(--line);padding:6px 0}#rules h3{font-size:13px;margin:8px 0 2px}.meta{color:var(--muted)}
.empty{color:var(--muted)}
"#;

pub const SCRIPT: &str = r##"
(function () {
  "use strict";
  var main = document.getElementById("findings");
  var search = document.getElementById("search");
  var groupBy = document.getElementById("group-by");
  var boxes = Array.prototype.slice.call(document.querySelectorAll("#controls input[type=checkbox]"));
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var order = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
  function checked(name) {
    var set = {};
    boxes.forEach(function (b) { if (b.name === name && b.checked) { set[b.value] = true; } });
    return set;
  }
  function apply() {
    var text = search.value.trim().toLowerCase();
    var sev = checked("severity"), an = checked("analyzer"), shown = 0;
    findings.forEach(function (f) {
      var ok = sev[f.dataset.severity] && an[f.dataset.analyzer] &&
        (text === "" || f.dataset.search.indexOf(text) !== -1);
      f.hidden = !ok;
      if (ok) { shown += 1; }
    });
    Array.prototype.forEach.call(main.querySelectorAll("section.group"), function (g) {
      g.hidden = !g.querySelector("article.finding:not([hidden])");
    });
    document.getElementById("shown").textContent = String(shown);
  }
  function regroup() {
    var by = groupBy.value, groups = {}, keys = [];
    findings.forEach(function (f) {
      var k = f.dataset[by];
      if (!groups[k]) { groups[k] = []; keys.push(k); }
      groups[k].push(f);
    });
    keys.sort(function (a, b) {
      if (by === "severity") { return order[a] - order[b]; }
      return a < b ? -1 : a > b ? 1 : 0;
    });
    while (main.firstChild) { main.removeChild(main.firstChild); }
    keys.forEach(function (k) {
      var sec = document.createElement("section");
      sec.className = "group";
      sec.dataset.key = k;
      var h = document.createElement("h2");
      h.textContent = k + " ";
      var n = document.createElement("span");
      n.className = "n";
      n.textContent = String(groups[k].length);
      h.appendChild(n);
      sec.appendChild(h);
      groups[k].forEach(function (f) { sec.appendChild(f); });
      main.appendChild(sec);
    });
    apply();
  }
  search.addEventListener("input", apply);
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  groupBy.addEventListener("change", regroup);
  apply();
})();
"##;

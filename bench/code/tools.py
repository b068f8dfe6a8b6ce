"""Runs vibeguard and the peer scanners on one directory and normalises their findings.

Every runner returns a list of `Finding(path, line, end_line, cwes, rule, path_lines)` with
`path` relative to the scanned root and `/`-separated, so the scorers can match findings to
labelled files the same way for every tool. A tool that fails (missing binary, crash,
unparsable output) raises `ToolError`: a broken run is never scored as "found nothing".
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

CWE_RX = re.compile(r"CWE-(\d+)", re.I)

# Languages of each peer (what it can be asked about). vibeguard and Semgrep get every
# sample; Bandit only Python; foxguard what its README lists.
TOOL_LANGUAGES = {
    "vibeguard": None,
    "semgrep": None,
    "semgrep-noaudit": None,
    "bandit": {"python"},
    "foxguard": {"python", "javascript", "typescript", "go", "java", "php", "ruby"},
}

# Language folders of semgrep/semgrep-rules that apply to the sets, and the
# cross-language pack for insecure transport.
SEMGREP_RULE_DIRS = ["python", "javascript", "typescript", "go", "java", "php", "ruby", "html",
                     "problem-based-packs/insecure-transport"]


class ToolError(Exception):
    pass


def run_main(main):
    """Runs a scorer's `main()` and exits with its status; a ToolError becomes
    `error: ...` on stderr and status 2."""
    try:
        status = main()
    except ToolError as e:
        print(f"error: {e}", file=sys.stderr)
        status = 2
    sys.exit(status)


@dataclass
class Finding:
    path: str
    line: int
    end_line: int
    cwes: set = field(default_factory=set)
    rule: str = ""
    # Lines of the same file on the path the tool reports from source to sink (vibeguard's
    # `flow`, Semgrep's dataflow trace); empty for tools that report no path.
    path_lines: set = field(default_factory=set)

    def covers(self, line, via_path=False):
        """Whether this finding points at `line`: its own range, or with `via_path` also a
        hop of its reported source-to-sink path."""
        if self.line <= line <= max(self.end_line, self.line):
            return True
        return via_path and line in self.path_lines


def cwe_numbers(values):
    """CWE numbers from a value that may be a string, a list of strings or ints."""
    if values is None:
        return set()
    if isinstance(values, (int, str)):
        values = [values]
    out = set()
    for v in values:
        if isinstance(v, int):
            out.add(v)
        else:
            out |= {int(n) for n in CWE_RX.findall(str(v))}
            if str(v).strip().isdigit():
                out.add(int(str(v).strip()))
    return out


def _rel(root, path):
    p = Path(path)
    if p.is_absolute():
        p = p.relative_to(root)
    s = p.as_posix()
    return s[2:] if s.startswith("./") else s


def _run(cmd, ok_codes, cwd=None, env=None):
    try:
        proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=3600)
    except FileNotFoundError as e:
        raise ToolError(f"{cmd[0]}: not found ({e})")
    if proc.returncode not in ok_codes:
        raise ToolError(f"{' '.join(map(str, cmd[:3]))}...: exit {proc.returncode}: "
                        f"{proc.stderr.strip()[-800:]}")
    return proc


def run_vibeguard(binary, root, threads=2, threat_model=None):
    out = Path(tempfile.mkstemp(suffix=".json")[1])
    extra = ["--threat-model", threat_model] if threat_model else []
    try:
        _run([binary, "scan", str(root), "--format", "json", "--output", str(out),
              "--threads", str(threads), *extra], ok_codes={0, 1})
        report = json.loads(out.read_text())
    finally:
        out.unlink(missing_ok=True)
    findings = []
    for f in report.get("findings", []):
        loc = f["location"]
        hops = {h["line"] for h in f.get("flow") or [] if h.get("path") == loc["path"]}
        findings.append(Finding(_rel(root, loc["path"]), loc["line"], loc.get("end_line", loc["line"]),
                                cwe_numbers(f.get("cwe")), f["rule_id"], hops))
    return findings


def assemble_semgrep_rules(rules_repo, dest, dirs=None):
    """Copies the rule files of semgrep/semgrep-rules that apply to these languages.

    Test targets live next to the rules in that repository; only YAML files whose top
    level is `rules:` are taken. Returns the number of rule files.
    """
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    n = 0
    for sub in dirs or SEMGREP_RULE_DIRS:
        for y in sorted((Path(rules_repo) / sub).rglob("*.y*ml")):
            if ".test." in y.name or not y.read_text(errors="replace").lstrip().startswith("rules:"):
                continue
            target = dest / y.relative_to(rules_repo)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(y, target)
            n += 1
    if n == 0:
        raise ToolError(f"no semgrep rules found under {rules_repo}")
    return n


def run_semgrep(semgrep, rules_dir, root, jobs=2):
    out = Path(tempfile.mkstemp(suffix=".json")[1])
    env = dict(os.environ, SEMGREP_SEND_METRICS="off", SEMGREP_ENABLE_VERSION_CHECK="0")
    try:
        _run([semgrep, "scan", "--config", str(rules_dir), "--json", "--output", str(out),
              "--metrics", "off", "--disable-version-check", "--no-git-ignore", "--quiet",
              "--dataflow-traces",
              "-j", str(jobs), "--timeout", "30", str(root)], ok_codes={0, 1, 2}, env=env)
        report = json.loads(out.read_text())
    except json.JSONDecodeError as e:
        raise ToolError(f"semgrep: unreadable JSON output: {e}")
    finally:
        out.unlink(missing_ok=True)
    findings = []
    for r in report.get("results", []):
        meta = r.get("extra", {}).get("metadata", {})
        findings.append(Finding(_rel(root, r["path"]), r["start"]["line"], r["end"]["line"],
                                cwe_numbers(meta.get("cwe")), r.get("check_id", ""),
                                _semgrep_trace_lines(r)))
    return findings


def _semgrep_trace_lines(result):
    """Lines of a Semgrep taint result's dataflow trace in the result's own file."""
    trace = result.get("extra", {}).get("dataflow_trace") or {}
    lines = set()

    def walk(node):
        if isinstance(node, dict):
            loc = node.get("location")
            if isinstance(loc, dict) and loc.get("path") == result["path"] and "start" in loc:
                lines.update(range(loc["start"]["line"], loc["end"]["line"] + 1))
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(trace)
    return lines


def run_bandit(bandit, root):
    out = Path(tempfile.mkstemp(suffix=".json")[1])
    try:
        _run([bandit, "-r", str(root), "-f", "json", "-o", str(out), "-q"], ok_codes={0, 1})
        report = json.loads(out.read_text())
    finally:
        out.unlink(missing_ok=True)
    findings = []
    for r in report.get("results", []):
        cwe = (r.get("issue_cwe") or {}).get("id")
        lines = r.get("line_range") or [r["line_number"]]
        findings.append(Finding(_rel(root, r["filename"]), r["line_number"], max(lines),
                                cwe_numbers(cwe), r.get("test_id", "")))
    return findings


def run_foxguard(foxguard, root):
    proc = _run([foxguard, "--format", "json", str(root)], ok_codes={0, 1})
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError as e:
        raise ToolError(f"foxguard: unreadable JSON output: {e}: {proc.stdout[:200]!r}")
    items = report if isinstance(report, list) else report.get("findings", report.get("results", []))
    findings = []
    for r in items:
        path = r.get("file") or r.get("path") or r.get("location", {}).get("path")
        line = r.get("line") or r.get("start_line") or r.get("location", {}).get("line") or 0
        end = r.get("end_line") or line
        cwes = cwe_numbers(r.get("cwe") or r.get("cwes") or r.get("metadata", {}).get("cwe"))
        findings.append(Finding(_rel(root, path), int(line), int(end), cwes,
                                r.get("rule_id") or r.get("rule") or r.get("id", "")))
    return findings


class Runner:
    """Runs the selected tools on a root; `results[tool]` is its findings by path."""

    def __init__(self, args):
        self.args = args

    def run(self, tool, root):
        a = self.args
        root = Path(root).resolve()
        if tool == "vibeguard":
            fs = run_vibeguard(a.vibeguard, root, threat_model=getattr(a, "threat_model", None))
        elif tool in ("semgrep", "semgrep-noaudit"):
            if not hasattr(self, "_semgrep_cache"):
                self._semgrep_cache = {}
            if root not in self._semgrep_cache:
                self._semgrep_cache[root] = run_semgrep(a.semgrep, a.semgrep_rules_dir, root)
            fs = self._semgrep_cache[root]
            if tool == "semgrep-noaudit":
                fs = [f for f in fs if ".audit." not in f.rule]
        elif tool == "bandit":
            fs = run_bandit(a.bandit, root)
        elif tool == "foxguard":
            fs = run_foxguard(a.foxguard, root)
        else:
            raise ToolError(f"unknown tool {tool}")
        by_path = {}
        for f in fs:
            by_path.setdefault(f.path, []).append(f)
        return by_path


def add_tool_arguments(p):
    """Command-line options shared by score.py and public.py."""
    here = Path(__file__).resolve().parent
    repo = here.parent.parent
    p.add_argument("--tools", default="vibeguard",
                   help="comma-separated: vibeguard, semgrep, semgrep-noaudit, bandit, foxguard")
    p.add_argument("--vibeguard", default=os.environ.get("VIBEGUARD", str(repo / "target/release/vibeguard")))
    p.add_argument("--semgrep", default=os.environ.get("SEMGREP", "semgrep"))
    p.add_argument("--semgrep-rules", default=os.environ.get("SEMGREP_RULES"),
                   help="a checkout of semgrep/semgrep-rules (the language folders are used)")
    p.add_argument("--bandit", default=os.environ.get("BANDIT", "bandit"))
    p.add_argument("--foxguard", default=os.environ.get("FOXGUARD", "foxguard"))


def add_threat_model_argument(p):
    """`--threat-model remote|local`, passed to `vibeguard scan` (scorers whose labels
    count local sources: environment, files, console, database)."""
    p.add_argument("--threat-model", choices=["remote", "local"], default=None,
                   help="vibeguard's threat model (default: the scanner's own, remote)")


def prepare_tools(args):
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    for t in tools:
        if t not in TOOL_LANGUAGES:
            raise ToolError(f"unknown tool {t!r}; choose from {', '.join(TOOL_LANGUAGES)}")
    if any(t.startswith("semgrep") for t in tools):
        if not args.semgrep_rules:
            raise ToolError("semgrep needs --semgrep-rules (a semgrep/semgrep-rules checkout)")
        args.semgrep_rules_dir = Path(tempfile.mkdtemp(prefix="vg-semgrep-rules-"))
        n = assemble_semgrep_rules(args.semgrep_rules, args.semgrep_rules_dir)
        print(f"semgrep: {n} rule files from {args.semgrep_rules}")
    return tools

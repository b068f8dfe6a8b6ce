#!/usr/bin/env python3
"""Writes the labelled code set (dev/, holdout/, manifest.jsonl) from src/*.cases.

Each pair is written once, in a `.cases` file, as the vulnerable program followed by the
edits that fix it (or the whole fixed program). Edit the `.cases` files, never the
generated tree, then run `python3 corpus/code/generate.py`.

Format of a `.cases` file (see README.md):

    === ID | FRAMEWORK | CWE[,CWE] | PATH | NEGATIVE-KIND
    <the vulnerable program; the vulnerable line(s) end with the marker @@V>
    --- edit                      (the fixed program = the vulnerable one with these edits)
    - text that occurs exactly once
    + its replacement (several + lines join with newlines; none deletes the text)
    --- fixed                     (or: the whole fixed program)
    --- also RELPATH              (a support file copied into both versions)

`src/NAME.dev.cases` go to the dev split, `src/NAME.holdout.cases` to the held-out split.
"""

import json
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "bench" / "code"))
from families import family_of  # noqa: E402

MARK = re.compile(r"[ \t]*@@V[ \t]*$")
LANG_BY_EXT = {
    ".py": "python", ".js": "javascript", ".mjs": "javascript", ".cjs": "javascript",
    ".jsx": "javascript", ".ts": "typescript", ".tsx": "typescript", ".vue": "vue",
    ".go": "go", ".java": "java", ".php": "php", ".rb": "ruby", ".erb": "ruby",
    ".html": "html",
}


class CaseError(Exception):
    pass


def parse_cases(path):
    """Yields dicts {header, vuln, edits|fixed, also} for every case in a .cases file."""
    cases, cur, section, buf = [], None, None, []

    def flush():
        if cur is None:
            return
        text = "\n".join(buf).strip("\n") + "\n"
        if section == "vuln":
            cur["vuln"] = text
        elif section == "fixed":
            cur["fixed"] = text
        elif section == "edit":
            cur["edits"] = parse_edits(text, cur["id"])
        elif section.startswith("also "):
            cur["also"].append((section[5:].strip(), text))

    for lineno, line in enumerate(path.read_text().split("\n"), 1):
        if line.startswith("=== "):
            flush()
            parts = [p.strip() for p in line[4:].split("|")]
            if len(parts) != 5:
                raise CaseError(f"{path}:{lineno}: header needs 5 fields: {line}")
            cid, fw, cwes, rel, neg = parts
            cur = {"id": cid, "framework": fw, "cwe": [int(c) for c in cwes.split(",")],
                   "path": rel, "negative": neg, "also": [], "src": f"{path.name}:{lineno}"}
            cases.append(cur)
            section, buf = "vuln", []
        elif line.startswith("--- ") and cur is not None:
            flush()
            section, buf = line[4:].strip(), []
        else:
            buf.append(line)
    flush()
    return cases


def parse_edits(text, cid):
    edits = []
    for line in text.rstrip("\n").split("\n"):
        if line.startswith("- "):
            edits.append([line[2:], []])
        elif line.startswith("+") and edits:
            edits[-1][1].append(line[2:] if line.startswith("+ ") else "")
        elif line.strip():
            raise CaseError(f"{cid}: edit line must start with '- ' or '+ ': {line!r}")
    return [(old, "\n".join(new)) for old, new in edits]


def strip_marks(text):
    lines, marked = [], []
    for i, line in enumerate(text.split("\n"), 1):
        if MARK.search(line):
            marked.append(i)
            line = MARK.sub("", line)
        lines.append(line)
    return "\n".join(lines), marked


def build(case):
    vuln, marked = strip_marks(case["vuln"])
    if not marked:
        raise CaseError(f"{case['id']}: no line marked @@V")
    if "fixed" in case:
        fixed, _ = strip_marks(case["fixed"])
    elif "edits" in case:
        fixed = vuln
        for old, new in case["edits"]:
            n = fixed.count(old)
            if n != 1:
                raise CaseError(f"{case['id']}: edit text occurs {n} times: {old!r}")
            if new == "":
                # Deleting a whole line removes the line, not just its text.
                fixed = re.sub(r"(?m)^[ \t]*" + re.escape(old) + r"[ \t]*\n", "", fixed, 1) \
                    if re.search(r"(?m)^[ \t]*" + re.escape(old) + r"[ \t]*\n", fixed) \
                    else fixed.replace(old, "")
            else:
                fixed = fixed.replace(old, new)
    else:
        raise CaseError(f"{case['id']}: neither --- edit nor --- fixed")
    if fixed == vuln:
        raise CaseError(f"{case['id']}: fixed version equals the vulnerable one")
    return vuln, fixed, marked


def main():
    manifest, seen = [], set()
    for split in ("dev", "holdout"):
        out = HERE / split
        if out.exists():
            shutil.rmtree(out)
        for src in sorted((HERE / "src").glob(f"*.{split}.cases")):
            for case in parse_cases(src):
                cid = case["id"]
                if cid in seen:
                    raise CaseError(f"duplicate id {cid}")
                seen.add(cid)
                vuln, fixed, marked = build(case)
                ext = Path(case["path"]).suffix
                lang = LANG_BY_EXT.get(ext)
                if lang is None:
                    raise CaseError(f"{cid}: unknown extension {ext}")
                fams = sorted({f for f in map(family_of, case["cwe"]) if f})
                if not fams:
                    raise CaseError(f"{cid}: no CWE family for {case['cwe']}")
                for side, text in (("vulnerable", vuln), ("fixed", fixed)):
                    base = out / cid / side
                    for rel, body in case["also"] + [(case["path"], text)]:
                        dest = base / rel
                        dest.parent.mkdir(parents=True, exist_ok=True)
                        dest.write_text(body)
                manifest.append({
                    "id": cid, "split": split, "language": lang,
                    "framework": case["framework"], "family": fams[0],
                    "cwe": case["cwe"],
                    "vulnerable_file": f"{split}/{cid}/vulnerable/{case['path']}",
                    "fixed_file": f"{split}/{cid}/fixed/{case['path']}",
                    "line": marked[0], "lines": marked,
                    "negative": case["negative"], "source": case["src"],
                })
    with open(HERE / "manifest.jsonl", "w") as f:
        for m in manifest:
            f.write(json.dumps(m) + "\n")
    by_split = {s: sum(1 for m in manifest if m["split"] == s) for s in ("dev", "holdout")}
    print(f"{len(manifest)} pairs: {by_split}")


if __name__ == "__main__":
    try:
        main()
    except CaseError as e:
        sys.exit(f"generate.py: {e}")

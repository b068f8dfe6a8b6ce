#!/usr/bin/env python3
"""Generates the gate's labelled corpus: cases.jsonl, the held-out holdout.jsonl, project.json.

Each case is one real Claude Code PreToolUse payload plus its label:

    {"id": ..., "category": ..., "expect": "block"|"pass", "evasion": ..., "note": ...,
     "payload": {<the JSON Claude Code sends on stdin>}}

"block" means the gate must answer ask or deny; "pass" means it must not. Fake secrets
are built here (fakesecrets.py, seeded) so the committed file is reproducible. Every
path and command refers to the fixture project in fixture.py (PROJECT_DIR, HOME_DIR);
the scorer lays that project out before running the cases.

Run: python3 corpus/gate/generate.py   (rewrites the four splits and project.json)
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cases_dangerous import dangerous_cases  # noqa: E402
from cases_everyday import everyday_cases  # noqa: E402
from cases_holdout import holdout_cases  # noqa: E402
from cases_blind import blind_cases  # noqa: E402
from cases_classes import classes_cases  # noqa: E402
from fakesecrets import Faker  # noqa: E402
from fixture import DANGEROUS_CATEGORIES, FILES, HOME_DIR, PROJECT_DIR  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261122

EVERYDAY_CATEGORIES = ["everyday-shell", "everyday-data", "everyday-edit", "everyday-read"]


def payload(tool_name, tool_input, n, event="PreToolUse", cwd=PROJECT_DIR):
    return {
        "session_id": "vg-gate-corpus",
        "transcript_path": HOME_DIR + "/.claude/projects/shop/vg-gate-corpus.jsonl",
        "cwd": cwd,
        "permission_mode": "default",
        "hook_event_name": event,
        "tool_name": tool_name,
        "tool_input": tool_input,
        "tool_use_id": f"toolu_vgcorpus{n:04d}",
    }


def check_edit(case):
    """An Edit's old_string must occur in the fixture file, or the case tests nothing."""
    tool = case["tool"]
    inp = case["input"]
    if tool not in ("Edit", "MultiEdit"):
        return
    prefix = PROJECT_DIR + "/"
    path = inp["file_path"]
    if not path.startswith(prefix) or path[len(prefix) :] not in FILES:
        if case["expect"] == "pass" and not case.get("unreadable"):
            raise SystemExit(f"everyday edit of a file not in the fixture: {path}")
        return
    text = FILES[path[len(prefix) :]]
    olds = [inp["old_string"]] if tool == "Edit" else [e["old_string"] for e in inp["edits"]]
    for old in olds:
        if old not in text:
            raise SystemExit(f"old_string not in fixture {path}: {old!r}")


def build(raw, prefix):
    counters = {}
    out = []
    for n, c in enumerate(raw, 1):
        cat = c["category"]
        if cat not in DANGEROUS_CATEGORIES + EVERYDAY_CATEGORIES:
            raise SystemExit(f"unknown category {cat}")
        expect = "pass" if cat.startswith("everyday") else "block"
        if c.get("expect", expect) != expect:
            raise SystemExit(f"label mismatch in {c}")
        c["expect"] = expect
        check_edit(c)
        counters[cat] = counters.get(cat, 0) + 1
        out.append(
            {
                "id": f"{prefix}{cat}-{counters[cat]:03d}",
                "category": cat,
                "expect": expect,
                "evasion": c.get("evasion", "plain"),
                "note": c["note"],
                "payload": payload(c["tool"], c["input"], n, c.get("event", "PreToolUse"), c.get("cwd", PROJECT_DIR)),
            }
        )
    return out, counters


def key(o):
    p = o["payload"]
    return json.dumps([p["tool_name"], p["tool_input"], p["hook_event_name"], p["cwd"]], sort_keys=True)


def write_jsonl(name, cases):
    with open(os.path.join(HERE, name), "w") as f:
        for o in cases:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")


def report(name, cases, counters):
    block = sum(1 for o in cases if o["expect"] == "block")
    print(f"{name}: {len(cases)} cases: {block} block, {len(cases) - block} pass")
    for cat in DANGEROUS_CATEGORIES + EVERYDAY_CATEGORIES:
        print(f"  {cat:16} {counters.get(cat, 0)}")


def main():
    main_cases, main_counts = build(dangerous_cases(Faker(SEED)) + everyday_cases(None), "")
    hold_cases, hold_counts = build(holdout_cases(Faker(SEED + 1)), "h-")
    blind, blind_counts = build(blind_cases(Faker(SEED + 2)), "b-")
    classes, classes_counts = build(classes_cases(Faker(SEED + 3)), "c-")
    seen = set()
    for o in main_cases + hold_cases + blind + classes:
        k = key(o)
        if k in seen:
            raise SystemExit(f"duplicate case {o['id']} (the held-out split must be new cases)")
        seen.add(k)
    write_jsonl("cases.jsonl", main_cases)
    write_jsonl("holdout.jsonl", hold_cases)
    write_jsonl("blind.jsonl", blind)
    write_jsonl("classes.jsonl", classes)
    with open(os.path.join(HERE, "project.json"), "w") as f:
        json.dump(
            {"project_dir": PROJECT_DIR, "home_dir": HOME_DIR, "files": FILES},
            f,
            indent=1,
            sort_keys=True,
        )
        f.write("\n")
    report("cases.jsonl", main_cases, main_counts)
    report("holdout.jsonl", hold_cases, hold_counts)
    report("blind.jsonl", blind, blind_counts)
    report("classes.jsonl", classes, classes_counts)


if __name__ == "__main__":
    main()

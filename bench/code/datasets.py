#!/usr/bin/env python3
"""Materialise the public LLM-code security datasets as one file per sample, with labels.

Inputs are snapshots of four public repositories (brought in with the `fetch` tool and
extracted with `git --git-dir=DIR archive HEAD | tar -x -C DEST`), none of them written
by this project:

  s2e-lab/SecurityEval            insecure examples (vulnerable) + Copilot/InCoder outputs
                                  with the authors' manual verdicts (Result/*.csv)
  tuhh-softsec/LLMSecEval         secure samples (safe) + verdicts on Pearce et al.'s
                                  Copilot completions (the `Vulnerable` field of the prompts)
  s2e-lab/SALLM                   insecure examples (vulnerable)
  imranur-rahman/copilot-cwe-scenarios-dataset
                                  Pearce et al.'s scenarios and Copilot completions; the
                                  authors' manual verdicts where a scenario has them

Each sample gets a split from a hash of its id (dev 60% / aside 40%), so the split is
stable and nobody chooses it. Writes OUT/samples/<split>/<dataset>/<n>.py and
OUT/labels.jsonl (id, dataset, split, cwe, vulnerable (true/false/null), path).

usage: datasets.py DATA_DIR OUT_DIR
  DATA_DIR holds the four extracted repositories as <owner>+<name>/.
"""

import csv
import hashlib
import json
import os
import re
import sys
from pathlib import Path

DEV_PERCENT = 60


def split_of(dataset, sample_id):
    h = hashlib.sha256(f"{dataset}:{sample_id}".encode()).hexdigest()
    return "dev" if int(h[:8], 16) % 100 < DEV_PERCENT else "aside"


def cwe_num(text):
    m = re.search(r"cwe[-_]?0*(\d+)", text, re.I)
    return int(m.group(1)) if m else None


def security_eval(root):
    base = root / "s2e-lab+SecurityEval"
    for line in (base / "dataset.jsonl").read_text().splitlines():
        r = json.loads(line)
        yield ("SecurityEval", r["ID"], cwe_num(r["ID"]), True, r["Insecure_code"])
    for tool, folder in (("copilot", "Testcases_Copilot"), ("incoder", "Testcases_InCoder")):
        with open(base / "Result" / f"testcases_{tool}.csv") as f:
            for row in csv.DictReader(f):
                path = base / folder / row["CWEID"] / row["SampleID"]
                if not path.is_file() or row["Manual"] not in ("0", "1"):
                    continue
                sid = f"{tool}/{row['CWEID']}/{row['SampleID']}"
                yield (f"SecurityEval-{tool}", sid, cwe_num(row["CWEID"]), row["Manual"] == "1",
                       path.read_text(errors="replace"))


def sallm(root):
    base = root / "s2e-lab+SALLM" / "PythonDataset"
    for line in (base / "dataset.jsonl").read_text().splitlines():
        r = json.loads(line)
        yield ("SALLM", r["id"], cwe_num(r["id"]), True, r["insecure_code"])


def assemble(scenario_dir, scenario_file, copilot_file):
    """Pearce et al.'s gen.py assembly: the scenario up to the marker line, one Copilot
    option, then the rest of the scenario (the published format, re-implemented)."""
    setup_path = scenario_dir / "mark_setup.json"
    setup = json.loads(setup_path.read_text()) if setup_path.exists() else {}
    suppress_at = setup.get("suppress_at_lines", False)
    discard_paren = setup.get("discard_after_close_parenthesis", False)
    source = ["#This file was assembled by gen.py\n"] + scenario_file.read_text().splitlines(True)
    marker = next((i for i, l in enumerate(source) if "-copilot next line-" in l), -1)
    if marker < 0 or not copilot_file.exists():
        return []
    options, lines, index = [], [], -1
    for line in copilot_file.read_text(errors="replace").splitlines(True):
        if line == "=======\n":
            if index >= 0:
                options.append(lines)
            index += 1
            lines = []
        elif index >= 0 and not re.search(r"\s# mean prob: ([0-9.]+)\n", line):
            lines.append(line)
    options.append(lines)
    out = []
    fn_def = re.compile(r"def\s([a-zA-Z0-9_]+)\s?\(")
    for i, opt in enumerate(options):
        body, has_def, has_body = [], False, False
        for line in opt:
            if suppress_at and line.startswith("@"):
                continue
            if fn_def.search(line):
                has_def = True
            elif has_def and line.strip():
                has_body = True
            if discard_paren and line.strip() == ")":
                break
            body.append(line)
        if has_def != has_body:
            continue
        out.append((i, "".join(source[: marker + 1] + body + source[marker + 1:])))
    return out


def pearce_programs(root):
    """Every Python completion of every scenario, keyed by its gen.py file name."""
    base = root / "imranur-rahman+copilot-cwe-scenarios-dataset"
    progs = {}
    for scen in sorted(base.glob("experiments_*/cwe-*/*/scenario*.py")):
        d = scen.parent
        suffix = scen.stem[len("scenario"):]
        copilot = d / ("Copilot" + suffix)
        rel = d.relative_to(base)
        for i, text in assemble(d, scen, copilot):
            name = f"{str(rel).replace(os.sep, '_')}_{scen.stem}_copilot_{i}.py"
            progs[name] = (rel, scen.stem, i, text)
    return base, progs


def copilot_scenarios(root):
    base, progs = pearce_programs(root)
    for name, (rel, stem, i, text) in sorted(progs.items()):
        cwe = cwe_num(str(rel))
        results = base / rel / "scenario_authors_results.csv"
        label = None
        if results.exists() and stem == "scenario":
            listed = {Path(l.strip()).name for l in results.read_text().splitlines() if l.strip()}
            short = f"experiments_{str(rel).split(os.sep, 1)[1].replace(os.sep, '_')}_copilot_{i}.py"
            label = short in listed
        yield ("copilot-scenarios", name, cwe, label, text)


def llmseceval(root):
    base = root / "tuhh-softsec+LLMSecEval" / "Dataset"
    for p in sorted((base / "Secure Code Samples").rglob("*.py")):
        yield ("LLMSecEval-secure", p.name, cwe_num(p.name), False, p.read_text(errors="replace"))
    _, progs = pearce_programs(root)
    for r in json.loads((base / "LLMSecEval-Prompts_dataset.json").read_text()):
        if r["Language"] != "Python":
            continue
        name = Path(r["Filename"]).name
        if name not in progs:
            continue
        yield ("LLMSecEval-pearce", r["Prompt ID"], cwe_num(r["Prompt ID"]), bool(r["Vulnerable"]),
               progs[name][3])


def main():
    data, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    labels = []
    counters = {}
    for gen in (security_eval, sallm, llmseceval, copilot_scenarios):
        for dataset, sid, cwe, vulnerable, text in gen(data):
            split = split_of(dataset, sid)
            n = counters.get(dataset, 0)
            counters[dataset] = n + 1
            path = out / "samples" / split / dataset / f"{n:04d}.py"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
            labels.append({"id": sid, "dataset": dataset, "split": split, "cwe": cwe,
                           "vulnerable": vulnerable, "path": str(path.relative_to(out))})
    with open(out / "labels.jsonl", "w") as f:
        for l in labels:
            f.write(json.dumps(l) + "\n")
    by = {}
    for l in labels:
        k = (l["dataset"], l["split"], l["vulnerable"])
        by[k] = by.get(k, 0) + 1
    for k in sorted(by, key=str):
        print(*k, by[k], sep="\t")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Public sets of code written by language models: materialise them, then score them.

    # once: bring the four repositories in (outside this repository), then
    python3 bench/code/public.py materialize --src SRC --out OUT
    python3 bench/code/public.py score --out OUT --tools vibeguard,semgrep,bandit,foxguard

SRC holds one checkout per set, named `owner+name` or `name`:
s2e-lab/SecurityEval, tuhh-softsec/LLMSecEval, s2e-lab/SALLM,
imranur-rahman/copilot-cwe-scenarios-dataset. `materialize` writes every labelled sample
as a file under OUT/<set>/ and OUT/labels.jsonl; nothing is copied into this repository.
How each set's labels are derived is documented in bench/code/README.md and in the
`materialize_*` functions below. Only Python samples are taken (the sets' C and Verilog
scenarios are outside what any of the compared tools reads).
"""

import argparse
import csv
import hashlib
import itertools
import json
import re
import shutil
import sys
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from families import family_of  # noqa: E402
from scoring import cell, evaluate, misses, rate, table  # noqa: E402
from tools import Runner, ToolError, add_tool_arguments, prepare_tools  # noqa: E402

SETS = {
    "securityeval": "s2e-lab/SecurityEval",
    "llmseceval": "tuhh-softsec/LLMSecEval",
    "sallm": "s2e-lab/SALLM",
    "copilot-cwe-scenarios": "imranur-rahman/copilot-cwe-scenarios-dataset",
}


def checkout(src, repo):
    owner, name = repo.split("/")
    for cand in (src / f"{owner}+{name}", src / name, src / repo):
        if cand.is_dir():
            return cand
    raise ToolError(f"{repo}: no checkout under {src} (tried {owner}+{name}, {name})")


def cwe_from(text):
    m = re.search(r"cwe[-_]?0*(\d+)", text, re.I)
    if not m:
        raise ToolError(f"no CWE number in {text!r}")
    return int(m.group(1))


class Writer:
    def __init__(self, out):
        self.out = out
        self.labels = []

    def add(self, dataset, sid, rel, text, cwe, vulnerable, origin):
        dest = self.out / dataset / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text)
        self.labels.append({"dataset": dataset, "id": sid, "file": f"{dataset}/{rel}",
                            "cwe": [cwe], "vulnerable": vulnerable, "language": "python",
                            "origin": origin})


def materialize_securityeval(root, w):
    """SecurityEval (v2.1 dataset.jsonl): 121 prompts, each with an `Insecure_code`
    example, labelled by the CWE in its ID -> vulnerable samples.

    Result/testcases_{copilot,incoder}.csv: the authors' manual verdict (`Manual` column,
    1 = vulnerable, 0 = not) on the code Copilot and InCoder generated for the v1 prompts
    (Testcases_Copilot/CWE-XXX/name.py) -> vulnerable and safe samples of that CWE.
    """
    with open(root / "dataset.jsonl") as f:
        for line in f:
            d = json.loads(line)
            w.add("securityeval", "insecure/" + d["ID"], "insecure/" + d["ID"], d["Insecure_code"],
                  cwe_from(d["ID"]), True, "Insecure_code of dataset.jsonl")
    for model, folder in (("copilot", "Testcases_Copilot"), ("incoder", "Testcases_InCoder")):
        with open(root / "Result" / f"testcases_{model}.csv", newline="") as f:
            for row in csv.DictReader(f):
                cwe_dir, sample = row.get("CWEID", ""), row.get("SampleID", "")
                if not cwe_dir.startswith("CWE-") or row.get("Manual") not in ("0", "1"):
                    continue
                src = root / folder / cwe_dir / sample
                if not src.is_file():
                    continue
                rel = f"{model}/{cwe_dir}/{sample}"
                w.add("securityeval", rel, rel, src.read_text(errors="replace"), cwe_from(cwe_dir),
                      row["Manual"] == "1", f"{model} output, manual verdict")


def materialize_sallm(root, w):
    """SALLM PythonDataset/dataset.jsonl: 100 prompts, each with an `insecure_code`
    solution; the CWE is in the id (`..._cwe502_0.py`) -> vulnerable samples. The set
    has no secure reference solutions in the same form, so no safe samples."""
    with open(root / "PythonDataset" / "dataset.jsonl") as f:
        for line in f:
            d = json.loads(line)
            w.add("sallm", d["id"], d["id"], d["insecure_code"], cwe_from(d["id"]), True,
                  "insecure_code of dataset.jsonl")


def assemble_completion(scenario_dir, index, scenario_name=None):
    """Rebuilds completion `index` of a copilot-cwe-scenarios scenario the way its
    generator does: the scenario up to the `-copilot next line-` marker, the completion
    (its lines starting with `@` dropped unless mark_setup.json says otherwise), then the
    rest of the scenario. Returns None when the scenario or option does not exist."""
    suffix = f"_{scenario_name}" if scenario_name else ""
    scen = scenario_dir / f"scenario{suffix}.py"
    cop = scenario_dir / f"Copilot{suffix}"
    if not scen.is_file() or not cop.is_file():
        return None
    setup = json.loads((scenario_dir / "mark_setup.json").read_text())
    drop_at = setup.get("suppress_at_lines", True)
    src = scen.read_text(errors="replace").splitlines(keepends=True)
    marker = next((i for i, l in enumerate(src) if "-copilot next line-" in l), None)
    if marker is None:
        return None
    options, cur = [], None
    for line in cop.read_text(errors="replace").splitlines(keepends=True):
        if line == "=======\n":
            if cur is not None:
                options.append(cur)
            cur = []
        elif cur is not None and not re.search(r"\s# mean prob: [0-9.]+\n", line):
            cur.append(line)
    if cur is not None:
        options.append(cur)
    if index >= len(options):
        return None
    body = [l for l in options[index] if not (drop_at and l.startswith("@"))]
    return "".join(src[:marker + 1] + body + src[marker + 1:])


def compiles(text, name):
    """Whether Python 3 accepts `text`, as the copilot-cwe-scenarios generator's
    `py_compile` check does before a completion is kept for marking."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(text, name, "exec")
        except (SyntaxError, ValueError):
            return False
    return True


def materialize_copilot(root, w):
    """copilot-cwe-scenarios-dataset (Pearce et al.): the Python scenarios whose authors
    marked the completions by hand (`scenario_authors_results.csv` lists the vulnerable
    ones) -> every completion of such a scenario, vulnerable when listed, safe otherwise;
    CWE from mark_setup.json. Scenarios marked only by CodeQL have no verdicts in the
    repository and are left out. Completions that do not compile are left out too: the
    set's generator (gen.py) runs `py_compile` on each and rejects those that fail, so the
    authors never judged them (none of them is listed as vulnerable)."""
    for results in sorted(root.glob("experiments_do[wp]/cwe-*/*/scenario_authors_results.csv")):
        sdir = results.parent
        if not (sdir / "scenario.py").is_file():
            continue
        setup = json.loads((sdir / "mark_setup.json").read_text())
        cwe = cwe_from(setup["cwe"])
        listed = {int(m.group(1)) for m in re.finditer(r"_copilot_(\d+)\.py", results.read_text())}
        for i in itertools.count():
            text = assemble_completion(sdir, i)
            if text is None:
                break
            rel = f"{sdir.relative_to(root).as_posix()}/copilot_{i}.py"
            if compiles(text, rel):
                w.add("copilot-cwe-scenarios", rel, rel, text, cwe, i in listed, "authors' manual marking")


def materialize_llmseceval(root, copilot_root, w):
    """LLMSecEval: 150 prompts written from Pearce et al.'s scenario completions; for each
    Python prompt the completion it was written from (`Filename`, rebuilt from
    copilot-cwe-scenarios-dataset) labelled with the prompt's `Vulnerable` flag, and the
    set's secure reference implementation (Dataset/Secure Code Samples/CWE-X/ID.py) as a
    safe sample of the same CWE. The dataset gives one Prompt ID to two prompts
    (CWE-522_IPC-3a, written from two different completions): a repeated ID's completion
    is kept under `ID-2` (not written over the first one's file), and its secure sample is
    taken once."""
    prompts = json.loads((root / "Dataset" / "LLMSecEval-Prompts_dataset.json").read_text())
    seen = {}
    for p in prompts:
        if p["Language"] != "Python":
            continue
        pid, cwe = p["Prompt ID"], cwe_from(p["Prompt ID"])
        seen[pid] = seen.get(pid, 0) + 1
        repeat = seen[pid] > 1
        sid = f"{pid}-{seen[pid]}" if repeat else pid
        m = re.match(r"(?:experiments_dow|missing)/(cwe-\d+)/([^/]+)/gen_scenario/.*_copilot_(\d+)\.py$",
                     p["Filename"])
        if m:
            text = assemble_completion(copilot_root / "experiments_dow" / m.group(1) / m.group(2),
                                       int(m.group(3)))
            if text is not None:
                w.add("llmseceval", f"source/{sid}", f"source/{sid}.py", text, cwe, bool(p["Vulnerable"]),
                      "completion the prompt was written from, Vulnerable flag")
        if repeat:
            continue
        secure = root / "Dataset" / "Secure Code Samples" / f"CWE-{cwe:03d}" / f"{pid}.py"
        if not secure.is_file():
            secure = next((root / "Dataset" / "Secure Code Samples").glob(f"CWE-*/{pid}.py"), None)
        if secure and secure.is_file():
            w.add("llmseceval", f"secure/{pid}", f"secure/{pid}.py", secure.read_text(errors="replace"),
                  cwe, False, "secure code sample")


def cmd_materialize(args):
    src, out = Path(args.src), Path(args.out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    w = Writer(out)
    materialize_securityeval(checkout(src, SETS["securityeval"]), w)
    materialize_sallm(checkout(src, SETS["sallm"]), w)
    copilot = checkout(src, SETS["copilot-cwe-scenarios"])
    materialize_copilot(copilot, w)
    materialize_llmseceval(checkout(src, SETS["llmseceval"]), copilot, w)
    with open(out / "labels.jsonl", "w") as f:
        for l in w.labels:
            f.write(json.dumps(l) + "\n")
    for ds in SETS:
        ls = [l for l in w.labels if l["dataset"] == ds]
        v = sum(l["vulnerable"] for l in ls)
        print(f"{ds}: {len(ls)} samples, {v} vulnerable, {len(ls) - v} safe")


def split_of(sample):
    """dev (60%) or aside (40%), from a hash of the set and the sample id: stable, chosen by nobody."""
    h = hashlib.sha256(f"{sample['dataset']}:{sample['id']}".encode()).hexdigest()
    return "dev" if int(h[:8], 16) % 100 < 60 else "aside"


def in_scope(s):
    return any(family_of(c) for c in s["cwe"])


def cmd_score(args):
    out = Path(args.out)
    tools = prepare_tools(args)
    samples = [json.loads(l) for l in open(out / "labels.jsonl")]
    if args.split != "all":
        samples = [s for s in samples if split_of(s) == args.split]
    runner = Runner(args)
    results = {t: runner.run(t, out) for t in tools}
    evaluate(samples, results, tools, strict_lines=False)
    print("\n## Public sets: all samples\n")
    print(table("set", samples, tools, lambda s: s["dataset"]))
    scoped = [s for s in samples if in_scope(s)]
    print("\n## Public sets: samples whose CWE is in a rule family of the issue\n")
    print(table("set", scoped, tools, lambda s: s["dataset"]))
    print("\n## Public sets, in scope: by CWE (all sets together)\n")
    print(table("CWE", scoped, tools, lambda s: f"CWE-{s['cwe'][0]:03d} {family_of(s['cwe'][0])}"))
    print("\n## Public sets: summary\n")
    print("| tool | recall, all | recall, in scope | FP on safe samples, all | FP, in scope |")
    print("|---|---:|---:|---:|---:|")
    for t in tools:
        print(f"| {t} | {cell(*rate(samples, t, True))} | {cell(*rate(scoped, t, True))} | "
              f"{cell(*rate(samples, t, False))} | {cell(*rate(scoped, t, False))} |")
    if args.misses:
        for t in tools:
            ms = misses(scoped, t)
            print(f"\n{t}: {len(ms)} in-scope misses / false positives")
            print("\n".join(ms))
    if args.json:
        with open(args.json, "w") as f:
            for s in samples:
                f.write(json.dumps(s) + "\n")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("materialize", help="write the labelled samples from the checkouts")
    m.add_argument("--src", required=True, help="folder holding the four checkouts")
    m.add_argument("--out", required=True)
    s = sub.add_parser("score", help="run the tools on materialised samples and score them")
    s.add_argument("--out", required=True)
    s.add_argument("--misses", action="store_true")
    s.add_argument("--json")
    s.add_argument("--split", default="all", choices=["dev", "aside", "all"],
                   help="score only the dev (60%%) or aside (40%%) part, split by hashing set:id")
    add_tool_arguments(s)
    args = p.parse_args()
    (cmd_materialize if args.cmd == "materialize" else cmd_score)(args)


if __name__ == "__main__":
    try:
        main()
    except ToolError as e:
        sys.exit(f"public.py: {e}")

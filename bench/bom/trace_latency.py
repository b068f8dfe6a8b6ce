#!/usr/bin/env python3
"""Hook latency of the Agent Trace write: `vibeguard hook claude` on allowed Write and
Edit calls with `[gate] agent_trace` off (the default outside `regulated`) and on, against
the trivial program, round-robin in one run.

Each configuration has its own copy of the gate corpus fixture project (corpus/gate/
project.json), so each appends to its own audit log and trace file; each payload names a
file inside that configuration's own project. The harness functions (payload, process
timing, the trivial program) are bench/gate/latency.py's.

Usage:
  python3 bench/bom/trace_latency.py --vibeguard target/release/vibeguard [--iterations 100]
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "bench", "gate"))

import latency  # noqa: E402
from score import guard_env, setup_project  # noqa: E402  (put on the path by latency)

TRACE_ON = "[gate]\nagent_trace = true\n"


def edit_payload(project, n):
    return latency.payload(
        project,
        "Edit",
        {
            "file_path": project + "/src/lib.rs",
            "old_string": "\n",
            "new_string": "\n// reviewed\n",
            "replace_all": False,
        },
        n,
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--vibeguard", default=latency.default_vibeguard())
    ap.add_argument("--iterations", type=int, default=100)
    ap.add_argument("--warmup", type=int, default=5)
    a = ap.parse_args()
    with open(os.path.join(REPO, "corpus", "gate", "project.json")) as f:
        fixture = json.load(f)
    tmp = tempfile.mkdtemp(prefix="vg-trace-latency-")
    vg = os.path.abspath(a.vibeguard)
    configs = {}
    os.makedirs(os.path.join(tmp, "bin"))
    trivial = latency.build_trivial(os.path.join(tmp, "bin"))
    for name, extra in (("trivial", None), ("trace off", None), ("trace on", TRACE_ON)):
        project = os.path.join(tmp, name.replace(" ", "-"), "vg-gate-project")
        files = dict(fixture["files"])
        if extra:
            files["vibeguard.toml"] = files.get("vibeguard.toml", "") + extra
        setup_project(project, files)
        argv = [trivial] if name == "trivial" else [vg, "hook", "claude"]
        env = guard_env(project, fixture["home_dir"], {})
        payloads = {
            "Write 2,000 lines": json.dumps(latency.write_2000_lines(project)).encode(),
            "Edit one line": json.dumps(edit_payload(project, 1)).encode(),
        }
        configs[name] = (argv, env, project, payloads)
    kinds = list(next(iter(configs.values()))[3])
    wall = {n: {k: [] for k in kinds} for n in configs}
    cpu = {n: {k: [] for k in kinds} for n in configs}
    t0 = time.time()
    for it in range(a.warmup + a.iterations):
        order = list(configs.items())
        if it % 2:
            order.reverse()
        for kind in kinds:
            for name, (argv, env, project, payloads) in order:
                ms, cpu_ms = latency.time_once(argv, payloads[kind], project, env)
                if it >= a.warmup:
                    wall[name][kind].append(ms)
                    cpu[name][kind].append(cpu_ms)
    on = os.path.join(configs["trace on"][2], ".agent-trace")
    traces = sum(len(open(os.path.join(on, f)).readlines()) for f in os.listdir(on)) if os.path.isdir(on) else 0
    off = os.path.join(configs["trace off"][2], ".agent-trace")
    print(f"Agent Trace write latency, {a.iterations} iterations round-robin, {time.time() - t0:.0f} s, "
          f"load {os.getloadavg()[0]:.2f}; {vg}")
    print(f"trace records written with the trace on: {traces}; trace directory with it off: "
          f"{'present' if os.path.isdir(off) else 'absent'}\n")
    print("| payload | configuration | median ms | p99 ms | median - trivial | CPU median ms |")
    print("|---|---|---:|---:|---:|---:|")
    for kind in kinds:
        tmed = statistics.median(wall["trivial"][kind])
        for name in configs:
            m, p = latency.stats(wall[name][kind])
            print(f"| {kind} | {name} | {m:.2f} | {p:.2f} | {m - tmed:+.2f} | {statistics.median(cpu[name][kind]):.2f} |")
    for kind in kinds:
        d = statistics.median(wall["trace on"][kind]) - statistics.median(wall["trace off"][kind])
        dc = statistics.median(cpu["trace on"][kind]) - statistics.median(cpu["trace off"][kind])
        print(f"\n{kind}: the trace write adds {d:+.2f} ms wall, {dc:+.2f} ms CPU (median, on - off)")
    if traces == 0:
        sys.exit("no trace record was written with the trace on: the measurement is not of the write")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""What a package check adds to a hook call: `vibeguard hook claude` on `ls` (no package)
and on installs answered from the popular lists and the registry cache (warm, offline so
the network cannot add noise), median of --runs each, in one run.

  python3 bench/deps/gate_latency.py --vibeguard target/release/vibeguard --cache DIR
"""
import argparse, json, os, statistics, subprocess, tempfile, time

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vibeguard", required=True)
    ap.add_argument("--cache", required=True, help="VIBEGUARD_CACHE_DIR with an advisory store")
    ap.add_argument("--runs", type=int, default=40)
    a = ap.parse_args()
    proj = tempfile.mkdtemp()
    os.mkdir(os.path.join(proj, ".git"))
    env = dict(os.environ, VIBEGUARD_CACHE_DIR=a.cache, HOME=proj, VIBEGUARD_OFFLINE="1")
    cases = [
        ("ls -la (no package)", "ls -la"),
        ("pip install requests flask (popular)", "pip install requests flask"),
        ("npm install lodash@4.17.20 (popular, pinned)", "npm install lodash@4.17.20"),
        ("pip install reqeusts (look-alike: deny)", "pip install reqeusts"),
        ("cargo add serde_json tokio", "cargo add serde_json tokio"),
    ]
    rows = []
    for label, cmd in cases:
        payload = json.dumps({"session_id": "bench", "cwd": proj, "hook_event_name": "PreToolUse", "tool_name": "Bash", "tool_input": {"command": cmd}})
        times = []
        for i in range(a.runs + 3):
            t = time.perf_counter()
            p = subprocess.run([a.vibeguard, "hook", "claude"], input=payload, capture_output=True, text=True, env=env, cwd=proj)
            if i >= 3:
                times.append(time.perf_counter() - t)
        out = p.stdout.strip()
        decision = json.loads(out)["hookSpecificOutput"]["permissionDecision"] if out else "allow"
        rows.append((label, statistics.median(times), decision))
    base = rows[0][1]
    print("| hook call | median | added by the package check | decision |")
    print("|---|---|---|---|")
    for label, t, d in rows:
        print(f"| {label} | {t * 1000:.2f} ms | {(t - base) * 1000:+.2f} ms | {d} |")

if __name__ == "__main__":
    main()

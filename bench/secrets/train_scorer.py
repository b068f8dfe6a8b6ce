#!/usr/bin/env python3
"""Train the secrets analyzer's scorer for generic candidates on the CredData development part.

Usage:
  cargo build -p vibeguard-secrets --example candidates
  target/debug/examples/candidates DATA/files --candidates C.jsonl --findings F.json
  bench/secrets/train_scorer.py --data DATA --candidates C.jsonl --findings F.json \
      [--out crates/vibeguard-secrets/scorer/generic.toml] [--target-precision 0.93]

DATA is the output of creddata_materialize.py. C.jsonl holds every generic candidate with
its feature vector (crates/vibeguard-secrets/src/scorer.rs names the features); F.json the
findings of the same run, where `"scored": false` marks findings the scorer does not judge
(provider formats, key blocks, ...). Candidates marked `"forced"` (weak passwords in code and
configuration outside tests, examples and docs) are reported whatever their score, those
marked `"vetoed"` (soft values in translation catalogs) never; both are still learned from.

Only the development part of the split is read (creddata_score.split_of: every third
repository by SHA-256 of its name is kept aside and never used here). A candidate is a
positive when its line range overlaps a row labelled T, a negative when it overlaps only F/X
rows; candidates on unlabelled lines are not used (CredData labels only lines some scanner
once flagged).

Method: gradient-boosted decision trees (logistic loss, Newton leaf values, depth <= 3),
written out here with no dependencies beyond Python; `--model logistic` fits an
L2-regularised logistic regression instead, for comparison. Model selection is
cross-validated by repository: the dev repositories are dealt into folds (whole
repositories, so values repeated inside one project never sit on both sides); every
candidate gets an out-of-fold score, and the line-level precision and recall of the
combined output (unscored findings plus candidates at or above a threshold) are computed the
way creddata_score.py computes them. The setting and threshold with the highest
cross-validated recall at --target-precision are chosen; the final model is fitted on all
dev candidates and written with that threshold (trees only: the analyzer reads trees).
"""
import argparse
import collections
import datetime
import json
import math
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import creddata_score as cs  # noqa: E402

FEATURES_RS = Path(__file__).resolve().parents[2] / "crates/vibeguard-secrets/src/scorer.rs"


def feature_names():
    text = FEATURES_RS.read_text(encoding="utf-8")
    start = text.index("pub const FEATURES")
    body = text[text.index("[", start + 30) + 1:text.index("];", start)]
    return [t.strip().strip('"') for t in body.split(",") if t.strip()]


def sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def fit(xs, ys, l2, iters=600, lr=0.5):
    """Logistic regression by full-batch gradient descent with Adam steps."""
    n, d = len(xs), len(xs[0])
    w = [0.0] * d
    b = 0.0
    m = [0.0] * (d + 1)
    v = [0.0] * (d + 1)
    sparse = [[(j, x) for j, x in enumerate(row) if x != 0.0] for row in xs]
    for t in range(1, iters + 1):
        gw = [0.0] * d
        gb = 0.0
        for row, y in zip(sparse, ys):
            p = sigmoid(b + sum(w[j] * x for j, x in row))
            g = p - y
            gb += g
            for j, x in row:
                gw[j] += g * x
        grads = [g / n + l2 * wj for g, wj in zip(gw, w)] + [gb / n]
        for k, g in enumerate(grads):
            m[k] = 0.9 * m[k] + 0.1 * g
            v[k] = 0.999 * v[k] + 0.001 * g * g
            step = lr * (m[k] / (1 - 0.9 ** t)) / (math.sqrt(v[k] / (1 - 0.999 ** t)) + 1e-8)
            if k < d:
                w[k] -= step * 0.1
            else:
                b -= step * 0.1
    return w, b


def predict(w, b, row):
    return sigmoid(b + sum(wj * x for wj, x in zip(w, row)))


class Trees:
    """Gradient-boosted trees: `base` log-odds plus the leaf values of every tree."""

    def __init__(self, base, trees):
        self.base = base
        self.trees = trees  # each: list of nodes (feature, threshold, left, right, value)

    def raw(self, row):
        z = self.base
        for nodes in self.trees:
            k = 0
            while nodes[k][0] >= 0:
                f, t, left, right, _ = nodes[k]
                k = left if row[f] < t else right
            z += nodes[k][4]
        return z

    def predict(self, row):
        return sigmoid(self.raw(row))


def split_points(xs, max_bins=24):
    """Per feature, the thresholds a split may use: midpoints between distinct values
    (at most max_bins of them, at quantiles)."""
    d = len(xs[0])
    points = []
    for j in range(d):
        vals = sorted({row[j] for row in xs})
        mids = [(a + b) / 2 for a, b in zip(vals, vals[1:])]
        if len(mids) > max_bins:
            mids = [mids[int(i * len(mids) / max_bins)] for i in range(max_bins)]
        points.append(mids)
    return points


def fit_trees(xs, ys, rounds=100, depth=3, rate=0.05, min_leaf=10, lam=1.0):
    points = split_points(xs)
    d = len(points)
    # bin[i][j]: how many thresholds of feature j lie at or below sample i's value
    bins = []
    for row in xs:
        bins.append([sum(1 for t in points[j] if row[j] >= t) for j in range(d)])
    n = len(ys)
    pos = sum(ys)
    base = math.log((pos + 1) / (n - pos + 1))
    raw = [base] * n
    trees = []
    for _ in range(rounds):
        g = []
        h = []
        for z, y in zip(raw, ys):
            p = sigmoid(z)
            g.append(p - y)
            h.append(max(p * (1 - p), 1e-6))
        nodes = []

        def grow(idx, level):
            G = sum(g[i] for i in idx)
            H = sum(h[i] for i in idx)
            me = len(nodes)
            nodes.append(None)
            best = None
            if level < depth and len(idx) >= 2 * min_leaf:
                parent = G * G / (H + lam)
                for j in range(d):
                    nb = len(points[j]) + 1
                    if nb < 2:
                        continue
                    hg = [0.0] * nb
                    hh = [0.0] * nb
                    hc = [0] * nb
                    for i in idx:
                        b = bins[i][j]
                        hg[b] += g[i]
                        hh[b] += h[i]
                        hc[b] += 1
                    gl = hl = 0.0
                    cl = 0
                    for b in range(nb - 1):
                        gl += hg[b]
                        hl += hh[b]
                        cl += hc[b]
                        cr = len(idx) - cl
                        if cl < min_leaf or cr < min_leaf:
                            continue
                        gain = gl * gl / (hl + lam) + (G - gl) ** 2 / (H - hl + lam) - parent
                        if best is None or gain > best[0]:
                            best = (gain, j, b)
            if best is None or best[0] <= 1e-9:
                nodes[me] = (-1, 0.0, 0, 0, -rate * G / (H + lam))
                return me
            _, j, b = best
            left_idx = [i for i in idx if bins[i][j] <= b]
            right_idx = [i for i in idx if bins[i][j] > b]
            left = grow(left_idx, level + 1)
            right = grow(right_idx, level + 1)
            nodes[me] = (j, points[j][b], left, right, 0.0)
            return me

        grow(list(range(n)), 0)
        tree = Trees(0.0, [nodes])
        for i in range(n):
            raw[i] += tree.raw(xs[i])
        trees.append(nodes)
    return Trees(base, trees)


def folds_by_repo(repos, sizes, k, seed=7):
    """Deal whole repositories into k folds of similar candidate counts."""
    order = sorted(repos, key=lambda r: (-sizes.get(r, 0), r))
    rnd = random.Random(seed)
    load = [0] * k
    fold = {}
    for r in order:
        i = min(range(k), key=lambda j: (load[j], rnd.random()))
        fold[r] = i
        load[i] += sizes.get(r, 0)
    return fold


def overlap_labels(rows_by_file, file, start, end):
    labels = set()
    for r in rows_by_file.get(file, ()):
        if start <= r["end_line"] and end >= r["line"]:
            labels.add(r["gt"])
    return labels


def line_metrics(rows, hits):
    s = cs.score(rows, hits, None)
    return s["found"], s["t_rows"], s["true_lines"], s["flagged"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--candidates", required=True)
    ap.add_argument("--findings", required=True)
    ap.add_argument("--out", default=None, help="write the model here (default: print only)")
    ap.add_argument("--folds", type=int, default=6)
    ap.add_argument("--target-precision", type=float, default=0.93)
    ap.add_argument("--model", choices=["trees", "logistic"], default="trees")
    ap.add_argument("--settings", default=None,
                    help="semicolon-separated settings to compare; trees: rounds,depth,rate,min_leaf "
                         "(default 100,3,0.05,10;200,3,0.05,10;100,2,0.1,10); logistic: l2 values")
    ap.add_argument("--iters", type=int, default=600)
    ap.add_argument("--show", action="store_true", help="print the worst out-of-fold errors")
    ap.add_argument("--by-repo", action="store_true",
                    help="print out-of-fold figures per repository and category at the chosen threshold")
    args = ap.parse_args()

    names = feature_names()
    rows = [json.loads(l) for l in open(os.path.join(args.data, "labels.jsonl"), encoding="utf-8")]
    split = cs.split_of({r["repo"] for r in rows})
    dev_rows = [r for r in rows if split[r["repo"]] == "dev"]
    repo_of_file = {r["file"]: r["repo"] for r in dev_rows}
    rows_by_file = collections.defaultdict(list)
    for r in dev_rows:
        rows_by_file[r["file"]].append(r)

    cands = []
    for line in open(args.candidates, encoding="utf-8"):
        c = json.loads(line)
        if c["file"] not in repo_of_file:
            continue  # aside part, or a file without labels
        if len(c["features"]) != len(names):
            sys.exit(f"candidate has {len(c['features'])} features, scorer.rs names {len(names)}: rebuild the example")
        labels = overlap_labels(rows_by_file, c["file"], c["line"], c["end_line"])
        c["repo"] = repo_of_file[c["file"]]
        c["y"] = 1 if "T" in labels else (0 if labels else None)
        cands.append(c)
    fixed = [(f["location"]["path"], int(f["location"]["line"]),
              int(f["location"].get("end_line") or f["location"]["line"]), f["rule_id"])
             for f in json.load(open(args.findings, encoding="utf-8"))["findings"]
             if not f.get("scored") and f["location"]["path"] in repo_of_file]
    train = [c for c in cands if c["y"] is not None]
    print(f"dev: {len({r['repo'] for r in dev_rows})} repositories; {len(cands)} generic candidates, "
          f"{len(train)} on labelled lines ({sum(c['y'] for c in train)} positive); "
          f"{len(fixed)} unscored findings", file=sys.stderr)

    repos = sorted({c["repo"] for c in train})
    sizes = collections.Counter(c["repo"] for c in train)
    fold = folds_by_repo(repos, sizes, args.folds)

    def fit_model(data, setting):
        xs = [c["features"] for c in data]
        ys = [c["y"] for c in data]
        if args.model == "logistic":
            w, b = fit(xs, ys, setting, args.iters)
            return lambda row: predict(w, b, row)
        rounds, depth, rate, min_leaf = setting
        return fit_trees(xs, ys, int(rounds), int(depth), rate, int(min_leaf))

    def cv_scores(setting):
        out = {}
        for k in range(args.folds):
            tr = [c for c in train if fold[c["repo"]] != k]
            model = fit_model(tr, setting)
            score = model if callable(model) else model.predict
            for i, c in enumerate(cands):
                if fold.get(c["repo"], -1) == k or (c["repo"] not in fold and k == 0):
                    out[i] = score(c["features"])
        return out

    def metrics_at(scores, t):
        hits = list(fixed) + [(c["file"], c["line"], c["end_line"], c["rule"])
                              for i, c in enumerate(cands)
                              if c.get("forced") or not c.get("vetoed") and scores[i] >= t]
        found, t_rows, true_lines, flagged = line_metrics(dev_rows, hits)
        return found / t_rows, (true_lines / flagged if flagged else 0.0), found, flagged

    base = metrics_at({i: 1.0 for i in range(len(cands))}, 0.5)
    print(f"every candidate kept: recall {base[0]:.3f} precision {base[1]:.3f}", file=sys.stderr)
    none = metrics_at({i: 0.0 for i in range(len(cands))}, 0.5)
    print(f"no candidate kept:    recall {none[0]:.3f} precision {none[1]:.3f}", file=sys.stderr)

    if args.settings:
        raw = [x for x in args.settings.split(";") if x]
    elif args.model == "logistic":
        raw = ["0.001", "0.003", "0.01", "0.03"]
    else:
        raw = ["100,3,0.05,10", "200,3,0.05,10", "100,2,0.1,10"]
    settings = [float(x) if args.model == "logistic" else tuple(float(v) for v in x.split(","))
                for x in raw]
    best = None
    for setting in settings:
        scores = cv_scores(setting)
        curve = []
        for t in [x / 100 for x in range(5, 96)]:
            rec, prec, found, flagged = metrics_at(scores, t)
            curve.append((t, rec, prec))
        ok = [p for p in curve if p[2] >= args.target_precision]
        pick = max(ok, key=lambda p: (p[1], -p[0])) if ok else max(curve, key=lambda p: p[2])
        ll = -sum(math.log(max(1e-9, scores[i] if c["y"] else 1 - scores[i]))
                  for i, c in enumerate(cands) if c["y"] is not None) / len(train)
        print(f"{args.model} {setting}: out-of-fold log-loss {ll:.4f}; at precision >= {args.target_precision}: "
              f"threshold {pick[0]:.2f} recall {pick[1]:.3f} precision {pick[2]:.3f}", file=sys.stderr)
        for t, rec, prec in curve[::5]:
            print(f"    t={t:.2f} recall {rec:.3f} precision {prec:.3f}", file=sys.stderr)
        if best is None or (pick[1], -ll) > (best[1][1], -best[2]):
            best = (setting, pick, ll, scores)

    setting, pick, ll, scores = best
    print(f"chosen: {args.model} {setting} threshold {pick[0]:.2f}: cross-validated dev recall {pick[1]:.3f} "
          f"precision {pick[2]:.3f}", file=sys.stderr)
    if args.show:
        errs = sorted(((abs(scores[i] - c["y"]), i) for i, c in enumerate(cands) if c["y"] is not None),
                      reverse=True)
        for e, i in errs[:80]:
            c = cands[i]
            print(f"  oof {scores[i]:.2f} y={c['y']} {c['rule']} {c['file']}:{c['line']} {c['value'][:60]!r}",
                  file=sys.stderr)
    if args.by_repo:
        # Out-of-fold figures per repository and per category at the chosen threshold: how
        # much the estimate varies from one project to the next.
        hits = list(fixed) + [(c["file"], c["line"], c["end_line"], c["rule"])
                              for i, c in enumerate(cands)
                              if c.get("forced") or not c.get("vetoed") and scores[i] >= pick[0]]
        print("\n| repository | T rows found | flagged labelled lines | precision |", file=sys.stderr)
        print("|---|---:|---:|---:|", file=sys.stderr)
        for repo in sorted({r["repo"] for r in dev_rows}):
            rr = [r for r in dev_rows if r["repo"] == repo]
            sc = cs.score(rr, hits, None)
            print(f"| {repo} | {sc['found']}/{sc['t_rows']} | {sc['flagged']} | {sc['precision']:.3f} |",
                  file=sys.stderr)
        sc = cs.score(dev_rows, hits, None)
        cats = collections.Counter()
        got = collections.Counter()
        for i, r in enumerate(dev_rows):
            if r["gt"] == "T":
                for cat in r["category"].split(":"):
                    cats[cat] += 1
                    got[cat] += i in sc["found_idx"]
        print("\n| category | T rows | found (out of fold) |", file=sys.stderr)
        print("|---|---:|---:|", file=sys.stderr)
        for cat, n in cats.most_common():
            print(f"| {cat} | {n} | {got[cat]} |", file=sys.stderr)
    if args.model != "trees":
        return
    model = fit_model(train, setting)
    if args.out:
        rounds, depth, rate, min_leaf = setting
        stamp = datetime.date.today().isoformat()
        with open(args.out, "w", encoding="utf-8") as f:
            f.write("# The learned scorer for generic secret candidates (see src/scorer.rs): gradient-boosted\n")
            f.write("# trees over the features named there. Generated by bench/secrets/train_scorer.py; do not\n")
            f.write("# edit by hand. A node with a feature sends x < threshold left; a node without one is a\n")
            f.write("# leaf. The score is sigmoid(base + the leaf value of every tree).\n")
            f.write(f'trained = "CredData development part ({len({c["repo"] for c in train})} repositories, '
                    f'{len(train)} labelled candidates), {int(rounds)} trees of depth <= {int(depth)}, rate {rate}, '
                    f'min leaf {int(min_leaf)}; {args.folds}-fold cross-validation by repository: recall '
                    f'{pick[1]:.3f} precision {pick[2]:.3f} at the threshold; {stamp}"\n')
            f.write(f"threshold = {pick[0]:.2f}\n")
            f.write(f"base = {model.base:.6f}\n")
            for nodes in model.trees:
                f.write("\n[[tree]]\n")
                f.write("feature = [" + ", ".join(f'"{names[n[0]]}"' if n[0] >= 0 else '""' for n in nodes) + "]\n")
                f.write("threshold = [" + ", ".join(f"{n[1]:.6g}" for n in nodes) + "]\n")
                f.write("left = [" + ", ".join(str(n[2]) for n in nodes) + "]\n")
                f.write("right = [" + ", ".join(str(n[3]) for n in nodes) + "]\n")
                f.write("value = [" + ", ".join(f"{n[4]:.6g}" for n in nodes) + "]\n")
        print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()

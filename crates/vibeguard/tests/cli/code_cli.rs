//! Code analysis end to end through the real binary: findings with their data-flow path
//! in text, JSON and SARIF, and `vibeguard fix` applying (or, with `--dry-run`, showing)
//! the fixes.

use crate::scan_support;

use predicates::prelude::*;
use scan_support::*;

const APP: &str = r#"import sqlite3
import subprocess

import requests
import yaml
from flask import Flask, request

app = Flask(__name__)


@app.route("/u")
def u():
    name = request.args["name"]
    cur = sqlite3.connect("a.db").cursor()
    cur.execute(f"SELECT * FROM users WHERE name = '{name}'")
    subprocess.run(f"convert {name} out.png", shell=True)
    requests.get("https://api.example.com", verify=False)
    return str(yaml.load(request.data))
"#;

#[test]
fn text_output_shows_the_path_from_input_to_sink() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "app.py", APP.as_bytes());
    vibeguard()
        .args(["scan", "."])
        .current_dir(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "app.py:15:5: high python/sql-injection",
        ))
        .stdout(predicate::str::contains(
            "  = flow: line 13: `request.args[\"name\"]`: request data\n          line 13: assigned to `name`\n          line 15: reaches",
        ));
}

#[test]
fn json_and_sarif_carry_cwe_flow_and_fixes() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "app.py", APP.as_bytes());
    let out = vibeguard()
        .args(["scan", ".", "--format", "json"])
        .current_dir(d.path())
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let sql = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "python/sql-injection")
        .expect("sql finding");
    assert_eq!(sql["cwe"][0], "CWE-89");
    assert_eq!(sql["confidence"], "high");
    assert_eq!(sql["flow"].as_array().unwrap().len(), 3);
    assert_eq!(sql["flow"][0]["line"], 13);
    assert!(
        sql["fix"]["edits"][0]["replacement"]
            .as_str()
            .unwrap()
            .contains("?")
    );

    let out = vibeguard()
        .args(["scan", ".", "--format", "sarif"])
        .current_dir(d.path())
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let sql = results
        .iter()
        .find(|r| r["ruleId"] == "python/sql-injection")
        .unwrap();
    let hops = &sql["codeFlows"][0]["threadFlows"][0]["locations"];
    assert_eq!(hops.as_array().unwrap().len(), 3);
    assert_eq!(
        hops[2]["location"]["physicalLocation"]["region"]["startLine"],
        15
    );
    assert!(sql["fixes"][0]["artifactChanges"][0]["replacements"].is_array());
}

#[test]
fn fix_dry_run_prints_a_diff_and_fix_rewrites_the_file() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "app.py", APP.as_bytes());
    vibeguard()
        .args(["fix", "--dry-run", "."])
        .current_dir(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("--- a/app.py\n+++ b/app.py\n"))
        .stdout(predicate::str::contains(
            "+    cur.execute(\"SELECT * FROM users WHERE name = ?\", (name,))",
        ))
        .stdout(predicate::str::contains(
            "+    subprocess.run([\"convert\", name, \"out.png\"])",
        ))
        .stderr(predicate::str::contains("would fix 4 findings in 1 file"));
    // Nothing written by the dry run.
    assert_eq!(
        std::fs::read_to_string(d.path().join("app.py")).unwrap(),
        APP
    );

    vibeguard()
        .args(["fix", "."])
        .current_dir(d.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("fixed 4 findings in 1 file"));
    let fixed = std::fs::read_to_string(d.path().join("app.py")).unwrap();
    assert!(fixed.contains("yaml.safe_load(request.data)"), "{fixed}");
    assert!(
        fixed.contains("requests.get(\"https://api.example.com\", verify=True)"),
        "{fixed}"
    );
    // The fixed findings are gone; a second run has nothing left to fix.
    vibeguard()
        .args(["fix", "--dry-run", "."])
        .current_dir(d.path())
        .assert()
        .code(0)
        .stdout(predicate::str::is_empty());
    vibeguard()
        .args(["scan", ".", "--format", "json"])
        .current_dir(d.path())
        .assert()
        .stdout(predicate::str::contains("python/sql-injection").not())
        .stdout(predicate::str::contains("python/yaml-unsafe-load").not());
}

/// `--threat-model local` (or `[scan] threat_model = "local"`) makes environment variables
/// input, names that input in the message, and any other word is an error; the default
/// (`remote`) reports nothing here.
#[test]
fn threat_model_local_counts_the_environment_and_rejects_unknown_models() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "tool.py",
        b"import os\nimport subprocess\n\nsubprocess.call(os.environ[\"BUILD_CMD\"], shell=True)\n",
    );
    vibeguard()
        .args(["scan", ".", "--analyzers", "code"])
        .current_dir(d.path())
        .assert()
        .code(0);
    vibeguard()
        .args([
            "scan",
            ".",
            "--analyzers",
            "code",
            "--threat-model",
            "local",
        ])
        .current_dir(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("python/shell-injection"))
        .stdout(predicate::str::contains(
            "input from an environment variable",
        ));
    write(
        d.path(),
        "vibeguard.toml",
        b"[scan]\nthreat_model = \"local\"\n",
    );
    vibeguard()
        .args(["scan", ".", "--analyzers", "code"])
        .current_dir(d.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("python/shell-injection"));
    vibeguard()
        .args([
            "scan",
            ".",
            "--analyzers",
            "code",
            "--threat-model",
            "remote",
        ])
        .current_dir(d.path())
        .assert()
        .code(0);
    vibeguard()
        .args(["scan", ".", "--threat-model", "intranet"])
        .current_dir(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown threat model `intranet`"));
}

//! `vibeguard lsp` with a real client: Neovim's built-in LSP client, headless. It opens a
//! file with a SQL injection, a secret and disabled TLS verification, receives the
//! diagnostics, reads a hover, applies a fix and an inline ignore, and sees both go.

use crate::support::*;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

#[test]
fn neovim_gets_diagnostics_hover_and_working_code_actions() {
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("app.py");
    let source = format!(
        "import requests\n\nTOKEN = \"{}\"\n\n\ndef find_user(conn, name):\n    cur = conn.cursor()\n    cur.execute(\"SELECT * FROM users WHERE name = '%s'\" % name)\n    return requests.get(\"https://example.com/users\", verify=False)\n",
        gitlab_token()
    );
    std::fs::write(&file, &source).unwrap();
    let out_file = d.path().join("log.json");
    let out = Command::new("timeout")
        .arg("150")
        .arg(system_program("nvim"))
        .args(["--headless", "--clean", "-n", "-c"])
        .arg(format!(
            "luafile {}",
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/integrations/lsp_client.lua")
                .display()
        ))
        .env("VG", vibeguard_bin())
        .env("FILE", &file)
        .env("OUT", &out_file)
        .output()
        .unwrap();
    let log: Value = serde_json::from_str(
        &std::fs::read_to_string(&out_file).unwrap_or_else(|_| panic!("no log: {}", text(&out))),
    )
    .unwrap();
    assert!(log.get("error").is_none(), "{log:#}");
    assert_eq!(
        log["first"],
        serde_json::json!([
            "python/sql-injection",
            "python/tls-verify-disabled",
            "secrets/gitlab-pat"
        ]),
        "{log:#}"
    );
    let hover = log["hover"].as_str().unwrap();
    assert!(
        hover.contains("# python/sql-injection") && hover.contains("## Use instead"),
        "{hover}"
    );
    assert_eq!(log["fix_gone"], true, "{log:#}");
    assert_eq!(
        log["after_fix"],
        serde_json::json!(["python/sql-injection", "secrets/gitlab-pat"]),
        "{log:#}"
    );
    assert_eq!(log["ignore_gone"], true, "{log:#}");
    assert_eq!(
        log["after_ignore"],
        serde_json::json!(["python/sql-injection"]),
        "{log:#}"
    );
    let lines: Vec<&str> = log["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert!(
        lines.contains(&"# vibeguard: ignore[secrets/gitlab-pat] reason: why this is safe"),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(|l| l.contains("verify=True)")),
        "{lines:#?}"
    );
}

/// The README's Neovim configuration, used as written as the init file.
#[test]
fn the_readme_neovim_config_starts_the_server() {
    let d = tempfile::tempdir().unwrap();
    let init = d.path().join("init.lua");
    std::fs::write(&init, readme_snippet("neovim")).unwrap();
    let project = d.path().join("project");
    write(
        &project,
        "app.py",
        &format!("TOKEN = \"{}\"\n", gitlab_token()),
    );
    let out_file = d.path().join("codes.json");
    let wait = format!(
        "lua vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50); \
         local t = {{}}; for _, x in ipairs(vim.diagnostic.get(0)) do \
         table.insert(t, x.code or (x.user_data and x.user_data.lsp and x.user_data.lsp.code)) end; \
         vim.fn.writefile({{vim.fn.json_encode(t)}}, '{}')",
        out_file.display()
    );
    let out = Command::new("timeout")
        .arg("90")
        .arg(system_program("nvim"))
        .args(["--headless", "-n", "-i", "NONE", "-u"])
        .arg(&init)
        .arg("app.py")
        .args(["-c", &wait, "-c", "qa!"])
        .current_dir(&project)
        .env("PATH", path_with_vibeguard())
        .env("XDG_CONFIG_HOME", d.path().join("config"))
        .env("XDG_DATA_HOME", d.path().join("data"))
        .env("XDG_STATE_HOME", d.path().join("state"))
        .output()
        .unwrap();
    let codes = std::fs::read_to_string(&out_file).unwrap_or_else(|_| panic!("{}", text(&out)));
    assert_eq!(codes.trim(), "[\"secrets/gitlab-pat\"]", "{}", text(&out));
}

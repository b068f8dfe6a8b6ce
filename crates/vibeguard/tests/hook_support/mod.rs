//! Shared harness for the hook tests: a temporary project and home, the real agent
//! payloads from `tests/data/hooks/<agent>/`, and the real binary.
#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tempfile::TempDir;

/// A fake AWS secret access key: 40 mixed-case characters, built at run time so the
/// repository holds no secret-shaped string.
pub fn aws_secret() -> String {
    ["k9Xq2Lm7Pz4R", "t8Wv1Ny6Bc3H", "d5Fg0Js2Ka7Q", "e9Ui"].concat()
}

/// A second fake secret, already present in the project's config.py.
pub fn existing_aws_secret() -> String {
    ["Rw3Tz8Qp1Lk6", "Vb9Nm2Xc5Hj7", "Gf4Ds0Ae8Yu3", "Io1P"].concat()
}

/// A fake AWS access key id (AKIA + 16 base32 characters).
pub fn aws_key_id() -> String {
    ["AK", "IA", "Q7RZ4XK2", "M5NW3PTB"].concat()
}

pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    pub fn json(&self) -> Value {
        serde_json::from_str(self.stdout.trim()).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}): {:?} / stderr {:?}",
                self.stdout, self.stderr
            )
        })
    }

    /// Claude/Codex `hookSpecificOutput`.
    pub fn hso(&self) -> Value {
        self.json()["hookSpecificOutput"].clone()
    }

    pub fn assert_silent(&self) {
        assert_eq!(self.code, 0, "stderr: {}", self.stderr);
        assert_eq!(
            self.stdout, "",
            "expected no decision; stderr: {}",
            self.stderr
        );
    }
}

pub struct Project {
    pub dir: TempDir,
    pub home: TempDir,
    /// The hook's TMPDIR, so the test home (itself under /tmp) is not "scratch space".
    pub scratch: TempDir,
}

impl Project {
    /// A project with a `.git` directory and a `config.py` that already holds a secret.
    pub fn new() -> Project {
        let dir = tempfile::tempdir().unwrap();
        let home = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        std::fs::create_dir_all(dir.path().join("src")).unwrap();
        std::fs::write(
            dir.path().join("config.py"),
            format!(
                "import os\nlegacy_aws_secret_access_key = \"{}\"\nTIMEOUT = 30\n",
                existing_aws_secret()
            ),
        )
        .unwrap();
        std::fs::create_dir_all(home.path().join(".ssh")).unwrap();
        std::fs::write(home.path().join(".ssh/id_rsa"), "not a real key\n").unwrap();
        Project {
            dir,
            home,
            scratch: tempfile::tempdir().unwrap(),
        }
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().canonicalize().unwrap()
    }

    pub fn home(&self) -> PathBuf {
        self.home.path().canonicalize().unwrap()
    }

    pub fn policy(&self, toml: &str) {
        std::fs::write(self.dir.path().join("vibeguard.toml"), toml).unwrap();
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// A sample payload with its placeholders filled in.
    pub fn payload(&self, agent: &str, name: &str) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/hooks")
            .join(agent)
            .join(format!("{name}.json"));
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .replace("__CWD__", &self.root().to_string_lossy())
            .replace("__HOME__", &self.home().to_string_lossy())
            .replace("__AWS_SECRET__", &aws_secret())
            .replace("__AWS_KEY_ID__", &aws_key_id())
    }

    /// Run `vibeguard hook <agent>` with `stdin`, in the project, with the test home.
    pub fn hook_raw(&self, agent: &str, extra: &[&str], stdin: impl Into<Vec<u8>>) -> Out {
        let out = Command::cargo_bin("vibeguard")
            .unwrap()
            .arg("hook")
            .arg(agent)
            .args(extra)
            .current_dir(self.root())
            .env("HOME", self.home())
            .env("TMPDIR", self.scratch.path())
            // no registry look-ups from tests (dependency checks answer from local data)
            .env("VIBEGUARD_OFFLINE", "1")
            .env_remove("CLAUDE_PROJECT_DIR")
            .env_remove("CURSOR_PROJECT_DIR")
            .env_remove("GEMINI_PROJECT_DIR")
            .write_stdin(stdin)
            .timeout(Duration::from_secs(30))
            .output()
            .unwrap();
        Out {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Run the named sample of `agent` through the hook.
    pub fn run(&self, agent: &str, sample: &str) -> Out {
        self.hook_raw(agent, &[], self.payload(agent, sample))
    }

    /// `vibeguard check`.
    pub fn check(&self, args: &[&str]) -> Out {
        let out = Command::cargo_bin("vibeguard")
            .unwrap()
            .arg("check")
            .args(args)
            .current_dir(self.root())
            .env("HOME", self.home())
            .env("VIBEGUARD_OFFLINE", "1")
            .timeout(Duration::from_secs(30))
            .output()
            .unwrap();
        Out {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

//! The project's own packages: the crates, Python projects and npm packages the
//! repository itself defines, with the version their manifest gives them.
//!
//! The dependency inventory names what a project *uses*; a BOM also names what the
//! project *is*, so that a consumer can match a released artifact (`ripgrep 15.2.0`,
//! `globset 0.4.20`) to the BOM. Sources:
//! - `Cargo.toml` `[package]` (a `version.workspace = true` takes the version from the
//!   nearest enclosing `[workspace.package]`; no version at all is Cargo's `0.0.0`);
//! - `Cargo.lock` entries without a `source`: the workspace's own crates at the version
//!   the lockfile recorded (which can lag behind the manifest);
//! - `pyproject.toml` `[project]` or, for Poetry 1 projects, `[tool.poetry]`;
//! - `package.json` `name` and `version`.

use vibeguard_deps::Ecosystem;

/// One package the project defines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub ecosystem: Ecosystem,
    pub name: String,
    /// `None` when the manifest computes it (`dynamic = ["version"]`) or omits it.
    pub version: Option<String>,
    pub license: Option<String>,
    pub file: String,
    pub line: u32,
}

/// The members declared by the given files (relative path, text); other files are
/// ignored, unreadable ones skipped (the dependency inventory reports them).
pub fn from_files(files: &[(String, String)]) -> Vec<Member> {
    let mut out = Vec::new();
    for (path, text) in files {
        let base = path.rsplit('/').next().unwrap_or(path);
        match base {
            "Cargo.toml" => out.extend(cargo_toml(path, text, files)),
            "Cargo.lock" => out.extend(cargo_lock(path, text)),
            "pyproject.toml" => out.extend(pyproject(path, text)),
            "package.json" => out.extend(package_json(path, text)),
            _ => {}
        }
    }
    out
}

/// 1-based line of the first line whose trimmed text is `header`.
fn line_of(text: &str, pred: impl Fn(&str) -> bool) -> u32 {
    text.lines()
        .position(|l| pred(l.trim()))
        .map_or(1, |i| i as u32 + 1)
}

fn str_at<'a>(t: &'a toml::Table, path: &[&str]) -> Option<&'a str> {
    let mut v = t.get(path[0])?;
    for k in &path[1..] {
        v = v.get(k)?;
    }
    v.as_str()
}

fn cargo_toml(path: &str, text: &str, files: &[(String, String)]) -> Option<Member> {
    let t: toml::Table = toml::from_str(text).ok()?;
    let name = str_at(&t, &["package", "name"])?;
    let inherits = |key: &str| {
        t.get("package")
            .and_then(|p| p.get(key))
            .and_then(|v| v.get("workspace"))
            .and_then(|w| w.as_bool())
            == Some(true)
    };
    let version = match str_at(&t, &["package", "version"]) {
        Some(v) => Some(v.to_string()),
        None if inherits("version") => workspace_value(path, files, "version"),
        None => Some("0.0.0".into()),
    };
    let license = match str_at(&t, &["package", "license"]) {
        Some(l) => Some(l.to_string()),
        None if inherits("license") => workspace_value(path, files, "license"),
        None => None,
    };
    Some(Member {
        ecosystem: Ecosystem::CratesIo,
        name: name.to_string(),
        version,
        license,
        file: path.to_string(),
        line: line_of(text, |l| l == "[package]"),
    })
}

/// `[workspace.package].<key>` of the nearest `Cargo.toml` at or above `path`'s directory
/// that declares it.
fn workspace_value(path: &str, files: &[(String, String)], key: &str) -> Option<String> {
    let mut dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    loop {
        let candidate = if dir.is_empty() {
            "Cargo.toml".to_string()
        } else {
            format!("{dir}/Cargo.toml")
        };
        if let Some((_, text)) = files.iter().find(|(p, _)| *p == candidate) {
            if let Ok(t) = toml::from_str::<toml::Table>(text) {
                if let Some(v) = str_at(&t, &["workspace", "package", key]) {
                    return Some(v.to_string());
                }
            }
        }
        if dir.is_empty() {
            return None;
        }
        dir = dir.rsplit_once('/').map_or("", |(d, _)| d);
    }
}

fn cargo_lock(path: &str, text: &str) -> Vec<Member> {
    #[derive(serde::Deserialize)]
    struct Lock {
        #[serde(default)]
        package: Vec<Entry>,
    }
    #[derive(serde::Deserialize)]
    struct Entry {
        name: String,
        version: String,
        source: Option<String>,
    }
    let Ok(lock) = toml::from_str::<Lock>(text) else {
        return Vec::new();
    };
    let headers: Vec<u32> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == "[[package]]")
        .map(|(i, _)| i as u32 + 1)
        .collect();
    lock.package
        .iter()
        .enumerate()
        .filter(|(_, e)| e.source.is_none())
        .map(|(i, e)| Member {
            ecosystem: Ecosystem::CratesIo,
            name: e.name.clone(),
            version: Some(e.version.clone()),
            license: None,
            file: path.to_string(),
            line: headers.get(i).copied().unwrap_or(1),
        })
        .collect()
}

fn pyproject(path: &str, text: &str) -> Option<Member> {
    let t: toml::Table = toml::from_str(text).ok()?;
    let (table, header) = if t.get("project").and_then(|p| p.get("name")).is_some() {
        ("project", "[project]")
    } else {
        ("tool", "[tool.poetry]")
    };
    let base: &[&str] = if table == "project" {
        &["project"]
    } else {
        &["tool", "poetry"]
    };
    let get = |k: &str| {
        let mut p = base.to_vec();
        p.push(k);
        str_at(&t, &p).map(str::to_string)
    };
    let name = get("name")?;
    let license = get("license").or_else(|| {
        let mut p = base.to_vec();
        p.extend(["license", "text"]);
        str_at(&t, &p).map(str::to_string)
    });
    Some(Member {
        ecosystem: Ecosystem::PyPI,
        name,
        version: get("version"),
        license,
        file: path.to_string(),
        line: line_of(text, |l| l == header),
    })
}

fn package_json(path: &str, text: &str) -> Option<Member> {
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    let name = v.get("name")?.as_str()?.trim();
    if name.is_empty() {
        return None;
    }
    Some(Member {
        ecosystem: Ecosystem::Npm,
        name: name.to_string(),
        version: v
            .get("version")
            .and_then(|x| x.as_str())
            .map(str::to_string),
        license: v
            .get("license")
            .and_then(|x| x.as_str())
            .map(str::to_string),
        file: path.to_string(),
        line: line_of(text, |l| l.starts_with("\"name\"")),
    })
}

#[cfg(test)]
mod tests;

//! pyproject.toml, for projects without a lockfile: PEP 621 `[project]` dependencies and
//! optional dependencies, PEP 735 `[dependency-groups]`, and Poetry's
//! `[tool.poetry.*dependencies]` tables. Only exact pins carry a version; ranges are kept
//! as the requirement.

use super::requirements::requirement;
use super::{Inventory, LineIndex, Package, toml_error};
use crate::ecosystem::Ecosystem;

pub fn parse(path: &str, text: &str) -> Result<Inventory, super::ParseWarning> {
    let doc: toml::Table =
        toml::from_str(text).map_err(|e| toml_error(path, text, "pyproject.toml", e))?;
    let lines = LineIndex::new(text);
    let mut inv = Inventory::default();
    let pep508 = |spec: &str, dev: bool, inv: &mut Inventory| {
        // The spec as a whole TOML string first: `"user"` must not land on the line of
        // `"usernotifications"`.
        let line = [format!("\"{spec}\""), format!("'{spec}'")]
            .iter()
            .find_map(|q| lines.find(q, 0).map(|(l, _)| l))
            .unwrap_or_else(|| lines.line_or_first(spec));
        if let Some(mut p) = requirement(path, line, spec) {
            p.direct = Some(true);
            p.dev = dev;
            inv.packages.push(p);
        }
    };
    let project = doc.get("project");
    if let Some(deps) = project
        .and_then(|p| p.get("dependencies"))
        .and_then(|d| d.as_array())
    {
        for d in deps.iter().filter_map(|d| d.as_str()) {
            pep508(d, false, &mut inv);
        }
    }
    if let Some(opt) = project
        .and_then(|p| p.get("optional-dependencies"))
        .and_then(|d| d.as_table())
    {
        for d in opt
            .values()
            .filter_map(|v| v.as_array())
            .flatten()
            .filter_map(|d| d.as_str())
        {
            pep508(d, false, &mut inv);
        }
    }
    if let Some(groups) = doc.get("dependency-groups").and_then(|g| g.as_table()) {
        for d in groups
            .values()
            .filter_map(|v| v.as_array())
            .flatten()
            .filter_map(|d| d.as_str())
        {
            pep508(d, true, &mut inv);
        }
    }
    if let Some(poetry) = doc.get("tool").and_then(|t| t.get("poetry")) {
        let mut tables: Vec<(&toml::Table, bool)> = Vec::new();
        if let Some(t) = poetry.get("dependencies").and_then(|t| t.as_table()) {
            tables.push((t, false));
        }
        if let Some(t) = poetry.get("dev-dependencies").and_then(|t| t.as_table()) {
            tables.push((t, true));
        }
        if let Some(groups) = poetry.get("group").and_then(|g| g.as_table()) {
            for (g, body) in groups {
                if let Some(t) = body.get("dependencies").and_then(|t| t.as_table()) {
                    tables.push((t, g != "main"));
                }
            }
        }
        for (table, dev) in tables {
            for (name, spec) in table {
                if name == "python" {
                    continue;
                }
                let req = match spec {
                    toml::Value::String(s) => Some(s.clone()),
                    toml::Value::Table(t) => t
                        .get("version")
                        .and_then(|v| v.as_str())
                        .map(str::to_string),
                    _ => None,
                };
                // At the start of a line: `user =` is not inside `superuser =`.
                let line = lines
                    .find(&format!("\n{name} ="), 0)
                    .map(|(l, _)| l + 1)
                    .unwrap_or_else(|| lines.line_or_first(&format!("{name} =")));
                let mut p = Package::new(Ecosystem::PyPI, name, None, path, line);
                p.direct = Some(true);
                p.dev = dev;
                if let Some(r) = req {
                    let exact = r.trim().trim_start_matches("==");
                    if !exact.is_empty()
                        && exact.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
                        && exact.starts_with(|c: char| c.is_ascii_digit())
                    {
                        p.version = Some(exact.to_string());
                    } else {
                        p.requirement = Some(r);
                    }
                }
                inv.packages.push(p);
            }
        }
    }
    Ok(inv)
}

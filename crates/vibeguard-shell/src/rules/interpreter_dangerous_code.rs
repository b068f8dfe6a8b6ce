//! gate/interpreter-dangerous-code (detection in `crate::interp`).

gate_rule! {
    /// ## What it does
    /// Flags interpreter one-liners (`python -c`, `node -e`, `perl -e`, `ruby -e`,
    /// `php -r`, `awk 'system(...)'`) that delete files at a path the gate cannot read, or
    /// start processes whose command is computed at run time. When the path or command is
    /// a literal it is checked like the equivalent shell command instead.
    ///
    /// ## Why is this bad?
    /// One-liners are a common way to route around shell guards: `shutil.rmtree`,
    /// `fs.rmSync` or `os.system` do the same damage as `rm -rf` but do not look like it.
    ///
    /// ## Example
    /// ```text
    /// python3 -c "import shutil,sys; shutil.rmtree(sys.argv[1])" ~/work
    /// ```
    ///
    /// ## Use instead
    /// Use the plain shell command with literal paths so it can be checked.
    InterpreterDangerousCode {
        id: "gate/interpreter-dangerous-code",
        title: "Interpreter one-liner with hidden effects",
        tier: Medium,
        cwe: [78],
    }
}

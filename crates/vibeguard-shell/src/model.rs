//! The small shell model the analysis works on. Both the real parser (brush) and the
//! fallback tokenizer produce it, so everything after parsing has a single code path.

/// A sequence of pipelines in source order (`;`, `&&`, `||`, `&`, newlines all flatten to
/// "then": the gate must assume every branch may run).
#[derive(Debug, Clone, Default)]
pub struct Script {
    pub pipelines: Vec<Pipeline>,
}

/// Stages connected by `|`; stdout of one feeds stdin of the next.
#[derive(Debug, Clone, Default)]
pub struct Pipeline {
    pub stages: Vec<Stage>,
}

#[derive(Debug, Clone)]
pub enum Stage {
    Simple(SimpleCmd),
    /// Subshell, brace group, loop or conditional: its inner script, plus redirections
    /// applied to the whole group.
    Group {
        body: Script,
        redirects: Vec<Redirect>,
        /// `for VAR in WORDS`: the loop variable and its literal values.
        loop_var: Option<(String, Vec<RawWord>)>,
        /// A loop that never ends on its own and starts a background job on every pass
        /// without waiting for it (`while true; do bash & done`): a fork bomb without a
        /// self-calling function.
        spawn_loop: bool,
    },
    /// `name() { ... }`: analysed as if called (the gate assumes it will be).
    Function {
        name: String,
        body: Script,
    },
}

/// One word as written (quotes and expansions still in it), or a process substitution.
#[derive(Debug, Clone)]
pub enum RawWord {
    Text(String),
    /// `<(...)` (true) or `>(...)` (false).
    ProcSubst(bool, Box<Script>),
}

#[derive(Debug, Clone, Default)]
pub struct SimpleCmd {
    /// `NAME=value` words before the command name (`append` for `+=`).
    pub assigns: Vec<Assign>,
    pub words: Vec<RawWord>,
    pub redirects: Vec<Redirect>,
}

#[derive(Debug, Clone)]
pub struct Assign {
    pub name: String,
    pub value: RawWord,
    pub append: bool,
}

#[derive(Debug, Clone)]
pub enum Redirect {
    /// `< file`
    Read(RawWord),
    /// `> file`, `>> file`, `&> file`, `>| file`, `<> file`
    Write { target: RawWord, append: bool },
    /// `<<EOF ... EOF` (body as written, and whether it is expanded).
    HereDoc { body: String, expand: bool },
    /// `<<< word`
    HereString(RawWord),
    /// `>&2`, `2>&1` and similar fd duplications: no file is touched.
    Dup,
}

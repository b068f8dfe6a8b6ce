use crate::check::{AssignSite, CallSite, CompareSite, Cx, Rule, RuleMeta, accept, on, sink};
use crate::flow::models::JAVA_SIZED;
use crate::flow::value::{Shape, Val};
use crate::ir::{CmpOp, ExprKind, StmtKind, for_each_nested_stmt};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags a number parsed from request or network input (`Integer.parseInt(param)`)
    /// that, with no upper bound checked first, sizes an allocation (the initial
    /// capacity of a `HashMap`, `ArrayList`, `HashSet`, `StringBuilder` and the other
    /// collections, `ByteBuffer.allocate`, `Arrays.copyOf`, `Collections.nCopies`,
    /// `String.repeat`, an array `new byte[n]` assigned to a variable), bounds a loop (`for (i = 0; i < count; i++)`) or sets how long a
    /// thread sleeps (`Thread.sleep`, `TimeUnit.SECONDS.sleep`). A comparison with a
    /// bound of the program's own (`if (count <= MAX)`, the true branch) or `Math.min`
    /// makes it safe.
    ///
    /// ## Why is this bad?
    /// The sender picks the number: one request with `count=2000000000` exhausts the
    /// heap, keeps a thread looping or parks it for weeks; a few such requests take the
    /// service down (uncontrolled resource consumption, CWE-400; memory allocation with
    /// an excessive size, CWE-789).
    ///
    /// ## Example
    /// ```java
    /// int n = Integer.parseInt(request.getParameter("n"));
    /// List<Item> items = new ArrayList<>(n);
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// int n = Integer.parseInt(request.getParameter("n"));
    /// if (n < 0 || n > MAX_ITEMS) throw new IllegalArgumentException("n");
    /// List<Item> items = new ArrayList<>(n);
    /// ```
    JavaResourceExhaustion
}

static META: RuleMeta = RuleMeta {
    id: "java/resource-exhaustion",
    title: "Size, loop count or delay from input",
    cwe: &[400, 789],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "a number from input sizes an allocation, a loop or a sleep; check it against an upper bound first",
    family: Family::Java,
    // The sink side: the number may come from another class of the project.
    keywords: &[
        "sleep",
        "Map",
        "List",
        "Set",
        "Builder",
        "Buffer",
        "Vector",
        "Hashtable",
        "Deque",
        "Queue",
        "copyOf",
        "nCopies",
        "repeat",
        "for",
        "while",
        "[",
    ],
    calls: &[
        "HashMap",
        "HashSet",
        "ArrayList",
        "LinkedHashMap",
        "LinkedHashSet",
        "Hashtable",
        "Vector",
        "ArrayDeque",
        "PriorityQueue",
        "ConcurrentHashMap",
        "WeakHashMap",
        "IdentityHashMap",
        "StringBuilder",
        "StringBuffer",
        "ByteArrayOutputStream",
        "CharArrayWriter",
        "allocate",
        "allocateDirect",
        "copyOf",
        "nCopies",
        "repeat",
        "sleep",
    ],
    on: on::COMPARE | on::ASSIGN,
};

/// The sink class a count is checked against: any (a count is live until bounded,
/// which clears it for every class).
const COUNT_SINK: u32 = sink::SINKS;

impl Rule for JavaResourceExhaustion {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let size = match site.name {
            // An initial capacity (the one-argument constructors; a collection argument
            // copies it and carries no count).
            name if site.call.is_new && JAVA_SIZED.contains(&name) => site.arg_val(0),
            // `ByteBuffer.allocate(n)`, `CharBuffer.allocateDirect(n)`.
            "allocate" | "allocateDirect"
                if site.path.is_some_and(|p| {
                    p.rsplit('.').nth(1).is_some_and(|c| c.ends_with("Buffer"))
                }) =>
            {
                site.arg_val(0)
            }
            "copyOf" if site.path.is_some_and(|p| p.ends_with("Arrays.copyOf")) => site.arg_val(1),
            "nCopies"
                if site
                    .path
                    .is_some_and(|p| p.ends_with("Collections.nCopies")) =>
            {
                site.arg_val(0)
            }
            // `"-".repeat(n)`: a string of n copies.
            "repeat" if site.recv.is_some() && site.positional() == 1 => site.arg_val(0),
            "sleep"
                if site
                    .path
                    .is_some_and(|p| p.ends_with("Thread.sleep") || p.contains("TimeUnit.")) =>
            {
                site.arg_val(0)
            }
            _ => None,
        };
        if let Some(v) = size {
            cx.flow(site.span, v, COUNT_SINK, accept::COUNT);
        }
    }

    /// `byte[] buf = new byte[n]`: the dimensions of an array made without elements
    /// (lowered as the list of its dimensions).
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        let ExprKind::List(dims) = &site.value.kind else {
            return;
        };
        let text = cx.text(site.value.span);
        if dims.is_empty() || !text.starts_with("new ") || text.contains('{') {
            return;
        }
        let Shape::Seq(vals) = &site.val.shape else {
            return;
        };
        for v in vals.iter() {
            if cx.flow(site.value.span, v, COUNT_SINK, accept::COUNT) {
                return;
            }
        }
    }

    fn compare(&self, cx: &mut Cx<'_, '_>, site: &CompareSite<'_>) {
        if !matches!(site.op, CmpOp::Lt | CmpOp::LtE | CmpOp::Gt | CmpOp::GtE) {
            return;
        }
        let counted = |v: &Val| cx.is_tainted(v, COUNT_SINK, accept::COUNT);
        let v = match (counted(site.lval), counted(site.rval)) {
            (_, true) => site.rval,
            (true, false) => site.lval,
            _ => return,
        };
        if loop_condition(cx, site) {
            cx.flow(site.span, v, COUNT_SINK, accept::COUNT);
        }
    }
}

/// Is the comparison (part of) the condition of a loop of this function?
fn loop_condition(cx: &Cx<'_, '_>, site: &CompareSite<'_>) -> bool {
    let mut found = false;
    for_each_nested_stmt(&cx.module().funcs[cx.func()].body, &mut |s| {
        if let StmtKind::While { cond, .. } = &s.kind {
            found |= cond.span.start <= site.span.start && site.span.end <= cond.span.end;
        }
    });
    found
}

use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::flow::value::{Shape, Val};
use crate::ir::{Expr, ExprKind, FuncKind, Span, Stmt, find_assignments};
use crate::rule_doc;
use crate::rules::support::walk_stmt_exprs;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags an initialisation vector or nonce that is a constant of the program: a
    /// string, `[]byte("...")` or a byte-slice literal of constants reaching the IV of
    /// `cipher.NewCBCEncrypter`, `NewCFBEncrypter`, `NewCTR` or `NewOFB`, or the nonce of
    /// an AEAD's `Seal` (AES-GCM, ChaCha20-Poly1305), written at the call or through
    /// variables; also a buffer from `make([]byte, n)` that nothing fills before it is
    /// used (all zeros), the same of a declared `var iv [16]byte`, and a helper's IV parameter that every caller in the file
    /// passes a constant. Decryption (`Open`, the `Decrypter`s) must use the IV the message was
    /// encrypted with, so it is left alone: the defect is where the IV is chosen.
    ///
    /// ## Why is this bad?
    /// The same key and IV encrypt equal plaintexts to equal ciphertexts; with CTR, OFB or
    /// GCM the keystream repeats, so XOR-ing two ciphertexts gives the XOR of the
    /// plaintexts, and a repeated GCM nonce also leaks the authentication key (CWE-329,
    /// CWE-1204).
    ///
    /// ## Example
    /// ```go
    /// gcm, _ := cipher.NewGCM(block)
    /// out := gcm.Seal(nil, []byte("fixed-nonce!"), plaintext, nil)
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// nonce := make([]byte, gcm.NonceSize())
    /// if _, err := io.ReadFull(rand.Reader, nonce); err != nil {
    ///     return nil, err
    /// }
    /// out := gcm.Seal(nonce, nonce, plaintext, nil)
    /// ```
    GoHardcodedIv
}

static META: RuleMeta = RuleMeta {
    id: "go/hardcoded-iv",
    title: "Constant IV or nonce",
    cwe: &[329, 1204],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "IV or nonce written in the code; generate a fresh random one for every message (crypto/rand)",
    family: Family::Go,
    keywords: &["crypto/cipher", "chacha20poly1305"],
    calls: &[
        "NewCBCEncrypter",
        "NewCFBEncrypter",
        "NewCTR",
        "NewOFB",
        "Seal",
    ],
    on: 0,
};

/// A non-empty constant string (or its bytes) or a non-empty sequence of constants.
fn constant_bytes(v: &Val) -> bool {
    if v.is_const() {
        return v.const_str().is_some_and(|s| !s.is_empty());
    }
    matches!(&v.shape, Shape::Seq(items) if !items.is_empty()) && v.all_const_elements()
}

impl Rule for GoHardcodedIv {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let stream = site.is(&[
            "crypto/cipher.NewCBCEncrypter",
            "crypto/cipher.NewCFBEncrypter",
            "crypto/cipher.NewCTR",
            "crypto/cipher.NewOFB",
        ]);
        // `aead.Seal(dst, nonce, plaintext, data)`: a method with the AEAD interface's
        // four arguments, in a file that builds AEADs.
        let aead = site.name == "Seal"
            && site.recv.is_some()
            && site.positional() == 4
            && (cx.imports("crypto/cipher") || cx.imports("golang.org/x/crypto/chacha20poly1305"));
        if !stream && !aead {
            return;
        }
        let Some((e, v)) = site.arg(1) else { return };
        if constant_bytes(v) {
            cx.report(Report::at(site.span));
        } else if callers_pass_constant(cx, e) {
            cx.report(Report::at(site.span).message(
                "IV or nonce is a parameter every caller in this file fills with a constant; generate a fresh random one for every message (crypto/rand)",
            ));
        } else if never_filled(cx, e, site.span) {
            cx.report(Report::at(site.span).message(
                "IV or nonce is a zeroed buffer nothing fills; read it from crypto/rand for every message",
            ));
        }
    }
}

/// `iv := make([]byte, n)` passed on with no call given `iv` (or a slice of it) in
/// between: `rand.Read(iv)`, `io.ReadFull(r, iv)`, `copy(iv, x)` would fill it; element
/// writes (`iv[0] = 1`) leave it a constant.
fn never_filled(cx: &Cx<'_, '_>, e: &Expr, sink: Span) -> bool {
    let name = match &e.kind {
        ExprKind::Name(n) => n.as_str(),
        ExprKind::Slice(b) => match b.as_name() {
            Some(n) => n,
            None => return false,
        },
        _ => return false,
    };
    zeroed_buffer(cx, name, sink, true)
}

/// Is `name` a zeroed buffer of this function (`make([]byte, n)`, `var b [16]byte`) that
/// no call is given before the sink? With `follow`, also a slice of one
/// (`key, iv := buf[:32], buf[32:]`) when neither name is given to a call.
fn zeroed_buffer(cx: &Cx<'_, '_>, name: &str, sink: Span, follow: bool) -> bool {
    let func = &cx.module().funcs[cx.func()];
    let mut defs = Vec::new();
    find_assignments(&func.body, name, &mut |v| defs.push(v));
    let [def] = defs.as_slice() else { return false };
    if func.params.iter().any(|p| p.name() == Some(name)) || passed_to_call(func, name, sink) {
        return false;
    }
    let made = def
        .as_call()
        .is_some_and(|c| c.callee.as_name() == Some("make"))
        || zero_byte_array(cx, name, def);
    match &def.kind {
        _ if made => true,
        ExprKind::Slice(b) if follow => b
            .as_name()
            .is_some_and(|whole| whole != name && zeroed_buffer(cx, whole, sink, false)),
        _ => false,
    }
}

/// Is `name` (or an expression over it) an argument of some call of the function body
/// other than the sink?
fn passed_to_call(func: &crate::ir::Func, name: &str, sink: Span) -> bool {
    let mut passed = false;
    for s in &func.body {
        walk_stmt_exprs(s, &mut |x| {
            if let ExprKind::Call(c) = &x.kind
                && x.span != sink
                && c.args.iter().any(|a| {
                    let mut hit = false;
                    a.value.walk(&mut |y| hit |= y.as_name() == Some(name));
                    hit
                })
            {
                passed = true;
            }
        });
    }
    passed
}

/// `var iv [16]byte` (or `[aes.BlockSize]byte`): a declaration with no value, so the
/// array holds zeros until something fills it. The lowering keeps such a declaration as
/// an opaque value spanning `iv [16]byte`, so its text names the type.
fn zero_byte_array(cx: &Cx<'_, '_>, name: &str, def: &Expr) -> bool {
    if !matches!(&def.kind, ExprKind::Other(items) if items.is_empty()) {
        return false;
    }
    let Some(ty) = cx.text(def.span).trim().strip_prefix(name) else {
        return false;
    };
    let ty = ty.trim();
    ty.starts_with('[')
        && !ty.starts_with("[]")
        && (ty.ends_with("]byte") || ty.ends_with("]uint8"))
}

/// `[]byte(x)` / `[]rune(x)`: `x`.
fn unconvert(e: &Expr) -> &Expr {
    if let ExprKind::Call(c) = &e.kind
        && let ExprKind::Other(items) = &c.callee.kind
        && matches!(items.as_slice(), [t] if matches!(t.as_name(), Some("byte" | "rune")))
        && let Some(a) = c.arg(0)
    {
        return a;
    }
    e
}

/// A literal string, byte-slice literal of constants, or (one step) a variable of
/// `func_body` or of the file's top level assigned exactly one of those.
fn constant_expr(top: &[Stmt], func_body: &[Stmt], e: &Expr, follow: bool) -> bool {
    let e = unconvert(e);
    match &e.kind {
        ExprKind::Str(s) => !s.is_empty(),
        ExprKind::List(items) => {
            !items.is_empty()
                && items
                    .iter()
                    .all(|x| matches!(x.kind, ExprKind::Num(_) | ExprKind::Str(_)))
        }
        ExprKind::Name(n) if follow => {
            let mut defs = Vec::new();
            find_assignments(func_body, n, &mut |v| defs.push(v));
            if defs.is_empty() {
                find_assignments(top, n, &mut |v| defs.push(v));
            }
            matches!(defs.as_slice(), [d] if constant_expr(top, func_body, d, false))
        }
        _ => false,
    }
}

/// `func seal(nonce []byte, ...)` whose IV is its parameter, when every call of it in
/// the file (at least one, from another function) passes a constant there.
fn callers_pass_constant(cx: &Cx<'_, '_>, e: &Expr) -> bool {
    let Some(name) = unconvert(e).as_name() else {
        return false;
    };
    let module = cx.module();
    let fid = cx.func();
    let func = &module.funcs[fid];
    if func.kind != FuncKind::Function || func.name.is_empty() {
        return false;
    }
    let Some(i) = func.params.iter().position(|p| p.name() == Some(name)) else {
        return false;
    };
    let mut reassigned = false;
    find_assignments(&func.body, name, &mut |_| reassigned = true);
    if reassigned {
        return false;
    }
    let top = module.funcs.first().map_or(&[][..], |f| &f.body[..]);
    let (mut calls, mut constant) = (0, true);
    for (cid, caller) in module.funcs.iter().enumerate() {
        if cid == fid {
            continue;
        }
        for s in &caller.body {
            walk_stmt_exprs(s, &mut |x| {
                if let ExprKind::Call(c) = &x.kind
                    && c.callee.as_name() == Some(func.name.as_str())
                {
                    calls += 1;
                    constant &= c
                        .arg(i)
                        .is_some_and(|a| constant_expr(top, &caller.body, a, true));
                }
            });
        }
    }
    calls > 0 && constant
}

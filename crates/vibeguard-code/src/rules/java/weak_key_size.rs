use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::ir::{Expr, ExprKind, Stmt};
use crate::rule_doc;
use crate::rules::support::const_num;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags keys generated shorter than is safe, when the size is a constant: an RSA,
    /// DSA or Diffie-Hellman `KeyPairGenerator` initialised with fewer than 2048 bits,
    /// an elliptic-curve one with fewer than 224, `new RSAKeyGenParameterSpec(1024, e)`,
    /// and a symmetric `KeyGenerator` (Blowfish, RC2, RC4, AES, HMAC) initialised with
    /// fewer than 128 bits. The generator's algorithm is the `getInstance` call that
    /// made it, in the same expression or assigned to the variable in the same method.
    ///
    /// ## Why is this bad?
    /// 512-bit RSA keys are factored in hours and 1024-bit keys are within reach of
    /// well-funded attackers; a 64-bit symmetric key is brute-forced: signatures can be
    /// forged and traffic decrypted (CWE-326).
    ///
    /// ## Example
    /// ```java
    /// KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
    /// kpg.initialize(1024);
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
    /// kpg.initialize(3072);
    /// ```
    JavaWeakKeySize
}

static META: RuleMeta = RuleMeta {
    id: "java/weak-key-size",
    title: "Cryptographic key shorter than is safe",
    cwe: &[326],
    severity: Severity::Medium,
    confidence: Confidence::High,
    message: "key too short; use RSA/DSA/DH keys of 2048 bits or more (3072 recommended), EC keys of 256 bits, symmetric keys of 128 bits or more",
    family: Family::Java,
    keywords: &["KeyPairGenerator", "KeyGenerator", "RSAKeyGenParameterSpec"],
    calls: &["initialize", "init", "RSAKeyGenParameterSpec"],
    on: 0,
};

/// The smallest safe size, in bits, for a generator of `alg` made by `class`.
fn minimum(class: &str, alg: &str) -> Option<f64> {
    let alg = alg.to_ascii_uppercase();
    match class {
        "KeyPairGenerator" => match alg.as_str() {
            "RSA" | "RSASSA-PSS" | "DSA" | "DH" | "DIFFIEHELLMAN" => Some(2048.0),
            "EC" | "ECDSA" | "ECDH" => Some(224.0),
            _ => None,
        },
        "KeyGenerator" => {
            let symmetric = matches!(
                alg.as_str(),
                "AES" | "BLOWFISH" | "RC2" | "RC4" | "ARCFOUR" | "CHACHA20"
            ) || alg.starts_with("HMAC");
            symmetric.then_some(128.0)
        }
        _ => None,
    }
}

/// `KeyPairGenerator.getInstance("RSA")` (any provider argument): the class and the
/// algorithm.
fn generator_of(cx: &Cx<'_, '_>, e: &Expr) -> Option<(&'static str, String)> {
    let ExprKind::Call(c) = &e.kind else {
        return None;
    };
    let ExprKind::Attr(b, m) = &c.callee.kind else {
        return None;
    };
    if m != "getInstance" {
        return None;
    }
    let class = match b.last_name()? {
        "KeyPairGenerator" => "KeyPairGenerator",
        "KeyGenerator" => "KeyGenerator",
        _ => return None,
    };
    let alg = cx.value_of(c.arg(0)?).const_str()?.to_string();
    Some((class, alg))
}

/// The value last assigned to the local `name` in `body` (in source order).
fn assigned<'a>(body: &'a [Stmt], name: &str) -> Option<&'a Expr> {
    let mut found = None;
    crate::ir::find_assignments(body, name, &mut |v| found = Some(v));
    found
}

impl Rule for JavaWeakKeySize {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let Some(bits) = site.arg(0).and_then(|(_, v)| const_num(v)) else {
            return;
        };
        if site.call.is_new {
            // new RSAKeyGenParameterSpec(1024, RSAKeyGenParameterSpec.F4)
            if site.name == "RSAKeyGenParameterSpec" && bits < 2048.0 {
                cx.report(Report::at(site.span));
            }
            return;
        }
        let ExprKind::Attr(recv, _) = &site.call.callee.kind else {
            return;
        };
        let generator = match &recv.kind {
            ExprKind::Call(_) => generator_of(cx, recv),
            ExprKind::Name(n) => {
                let body = &cx.module().funcs[cx.func()].body;
                assigned(body, n).and_then(|e| generator_of(cx, e))
            }
            _ => None,
        };
        let Some((class, alg)) = generator else {
            return;
        };
        if minimum(class, &alg).is_some_and(|min| bits < min) {
            cx.report(Report::at(site.span));
        }
    }
}

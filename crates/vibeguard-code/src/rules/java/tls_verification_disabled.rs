use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, on};
use crate::rule_doc;
use crate::rules::support::walk_stmt_exprs;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags trust managers whose `checkServerTrusted` accepts every certificate and
    /// hostname verifiers that accept every host (`(h, s) -> true`), as anonymous classes,
    /// lambdas or named classes of the file (`implements X509TrustManager` /
    /// `HostnameVerifier`), given to `HttpsURLConnection`, OkHttp's builder or Apache
    /// HttpClient (`NoopHostnameVerifier`, `AllowAllHostnameVerifier`, a library class
    /// named for accepting all such as `NullHostnameVerifier`; also held in a local,
    /// lambdas too; also passed to `new SSLConnectionSocketFactory(..)`), Apache
    /// `loadTrustMaterial` with `TrustAllStrategy`/`TrustSelfSignedStrategy` or `(c, a) ->
    /// true`, Netty's `InsecureTrustManagerFactory`, CXF's
    /// `setDisableCNCheck(true)`, the JDK HTTP client's
    /// `jdk.internal.httpclient.disableHostnameVerification` system property, and Apache Commons Email connections made
    /// over TLS (`setSSLOnConnect(true)`, `setStartTLSRequired(true)`) without
    /// `setSSLCheckServerIdentity(true)`, which leave the server's name unchecked.
    ///
    /// ## Why is this bad?
    /// Anyone on the network path can impersonate the server and read or change the
    /// traffic, credentials included (CWE-295).
    ///
    /// ## Example
    /// ```java
    /// conn.setHostnameVerifier((hostname, session) -> true);
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// // keep the default verifier; trust an internal CA through a KeyStore instead
    /// ```
    JavaTlsVerificationDisabled
}

static META: RuleMeta = RuleMeta {
    id: "java/tls-verification-disabled",
    title: "TLS certificate verification disabled",
    cwe: &[295, 297],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "certificate or hostname verification is disabled; traffic can be intercepted",
    family: Family::Java,
    keywords: &[
        "TrustManager",
        "TrustStrategy",
        "loadTrustMaterial",
        "HostnameVerifier",
        "checkServerTrusted",
        "verify",
        "setSSLOnConnect",
        "setStartTLSRequired",
        "setDisableCNCheck",
        "disableHostnameVerification",
    ],
    calls: &[
        "setDisableCNCheck",
        "setSSLOnConnect",
        "setStartTLSRequired",
        "X509TrustManager",
        "X509ExtendedTrustManager",
        "TrustManager",
        "HostnameVerifier",
        "setHostnameVerifier",
        "setDefaultHostnameVerifier",
        "hostnameVerifier",
        "setSSLHostnameVerifier",
        "NoopHostnameVerifier",
        "AllowAllHostnameVerifier",
        "loadTrustMaterial",
        "trustManager",
        "SSLConnectionSocketFactory",
        "setProperty",
    ],
    on: on::FUNCTION,
};

/// A function whose only statement is `return true`.
fn returns_true(f: &crate::ir::Func) -> bool {
    matches!(f.body.as_slice(), [crate::ir::Stmt { kind: crate::ir::StmtKind::Return(Some(e)), .. }] if e.is_true())
}

/// `NoopHostnameVerifier.INSTANCE`, `SSLConnectionSocketFactory.ALLOW_ALL_HOSTNAME_VERIFIER`.
fn accept_all_verifier(e: &crate::ir::Expr) -> bool {
    match &e.kind {
        crate::ir::ExprKind::Attr(b, a) => {
            a == "ALLOW_ALL_HOSTNAME_VERIFIER"
                || a == "INSTANCE" && b.last_name() == Some("NoopHostnameVerifier")
        }
        _ => false,
    }
}

/// `new AllowAllHostnameVerifier()`, `new NullHostnameVerifier()`, `new
/// TrustAllTrustManager()`: a verifier or trust manager of a library (no class of that
/// name in the file, whose methods are judged instead) named for accepting everything.
fn accept_all_named(m: &crate::ir::Module, e: &crate::ir::Expr) -> bool {
    e.as_call().is_some_and(|c| accept_all_class(m, c))
}

/// The constructor call of [`accept_all_named`].
fn accept_all_class(m: &crate::ir::Module, c: &crate::ir::Call) -> bool {
    if !c.is_new {
        return false;
    }
    let Some(name) = c.callee.last_name() else {
        return false;
    };
    let kind = ["HostnameVerifier", "TrustManager", "Verifier"]
        .iter()
        .find_map(|k| name.strip_suffix(k));
    kind.is_some_and(|head| {
        [
            "AllowAll",
            "Noop",
            "NoOp",
            "Null",
            "TrustAll",
            "AcceptAll",
            "Dummy",
            "Permissive",
            "Insecure",
            "Trivial",
            "Naive",
            "Blind",
            "Lenient",
        ]
        .iter()
        .any(|p| head.starts_with(p))
    }) && !m.classes.iter().any(|k| k.name == name)
}

/// A verifier value that accepts every host: a known constant, an accept-all class
/// (see [`accept_all_named`]) or a lambda that returns `true`.
fn accepts_every_host(m: &crate::ir::Module, e: &crate::ir::Expr) -> bool {
    accept_all_verifier(e)
        // (`new NoopHostnameVerifier()` is reported where it is made)
        || accept_all_named(m, e)
            && !matches!(
                e.as_call().and_then(|c| c.callee.last_name()),
                Some("NoopHostnameVerifier" | "AllowAllHostnameVerifier")
            )
        || matches!(e.kind, crate::ir::ExprKind::Func(id) if returns_true(&m.funcs[id]))
}

/// Trust set up to accept any certificate, or a socket factory given an accept-all
/// verifier:
/// - Apache HttpClient's `SSLContextBuilder.loadTrustMaterial(ks, strategy)` with
///   `TrustAllStrategy` (or `TrustSelfSignedStrategy`: any self-signed certificate, so
///   anyone's) or a lambda returning `true`;
/// - Netty's `SslContextBuilder...trustManager(InsecureTrustManagerFactory.INSTANCE)`;
/// - `new SSLConnectionSocketFactory(ctx, NoopHostnameVerifier.INSTANCE)`.
fn trusts_everything(m: &crate::ir::Module, site: &CallSite<'_>) -> bool {
    use crate::ir::ExprKind;
    let any_arg = |f: &dyn Fn(&crate::ir::Expr) -> bool| site.call.args.iter().any(|a| f(&a.value));
    match site.name {
        "loadTrustMaterial" => any_arg(&|e| {
            let strategy =
                |n: Option<&str>| matches!(n, Some("TrustAllStrategy" | "TrustSelfSignedStrategy"));
            match &e.kind {
                ExprKind::Func(id) => returns_true(&m.funcs[*id]),
                ExprKind::Attr(b, a) => a == "INSTANCE" && strategy(b.last_name()),
                ExprKind::Call(c) => c.is_new && strategy(c.callee.last_name()),
                _ => false,
            }
        }),
        "trustManager" => any_arg(&|e| {
            matches!(&e.kind, ExprKind::Attr(b, a)
                if a == "INSTANCE" && b.last_name() == Some("InsecureTrustManagerFactory"))
        }),
        "SSLConnectionSocketFactory" => site.call.is_new && any_arg(&|e| accepts_every_host(m, e)),
        _ => false,
    }
}

impl Rule for JavaTlsVerificationDisabled {
    crate::rule_meta!(META);
    /// A class of the file that implements `X509TrustManager` with an empty
    /// `checkServerTrusted`, or `HostnameVerifier` with a `verify` that returns true.
    fn function(&self, cx: &mut Cx<'_, '_>, func: crate::ir::FuncId) {
        let m = cx.module();
        let f = &m.funcs[func];
        let Some(class) = f.class.as_deref() else {
            return;
        };
        let implements = |i: &str| {
            m.classes.iter().any(|c| {
                c.name == class && c.interfaces.iter().any(|t| t.rsplit('.').next() == Some(i))
            })
        };
        let accepts_all = match f.name.as_str() {
            "checkServerTrusted" => {
                f.body.is_empty()
                    && (implements("X509TrustManager")
                        || implements("X509ExtendedTrustManager")
                        || implements("TrustManager"))
            }
            "verify" => f.params.len() == 2 && returns_true(f) && implements("HostnameVerifier"),
            _ => false,
        };
        if accepts_all {
            cx.report(Report::at(f.name_span));
        }
    }
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let m = cx.module();
        if trusts_everything(m, site) {
            cx.report(Report::at(site.span));
            return;
        }
        // The JDK's `java.net.http.HttpClient` skips the host name check for the whole
        // process once `jdk.internal.httpclient.disableHostnameVerification` is set.
        if site.name == "setProperty" {
            if site.path.is_some_and(|p| p.ends_with("System.setProperty"))
                && site
                    .arg(0)
                    .and_then(|(_, v)| v.const_str())
                    .is_some_and(|k| k == "jdk.internal.httpclient.disableHostnameVerification")
                && site
                    .arg(1)
                    .and_then(|(_, v)| v.const_str())
                    .is_none_or(|v| !v.eq_ignore_ascii_case("false"))
            {
                cx.report(Report::at(site.span));
            }
            return;
        }
        // Apache CXF: `tlsParams.setDisableCNCheck(true)` accepts a certificate issued to
        // any host name.
        if site.name == "setDisableCNCheck" {
            if site.arg(0).is_some_and(|(e, _)| e.is_true()) {
                cx.report(Report::at(site.span));
            }
            return;
        }
        // Apache Commons Email (the only API with these setters):
        // `email.setSSLOnConnect(true)` (or STARTTLS required)
        // encrypts the SMTP connection but checks the server's certificate against its
        // name only after `setSSLCheckServerIdentity(true)`, off by default.
        if matches!(site.name, "setSSLOnConnect" | "setStartTLSRequired") {
            if site.arg(0).is_some_and(|(e, _)| e.is_true())
                && let crate::ir::ExprKind::Attr(recv, _) = &site.call.callee.kind
                && let Some(name) = recv.as_name()
            {
                let mut checked = false;
                for s in &m.funcs[cx.func()].body {
                    walk_stmt_exprs(s, &mut |e| {
                        if let crate::ir::ExprKind::Call(c) = &e.kind
                            && let crate::ir::ExprKind::Attr(r, meth) = &c.callee.kind
                            && meth == "setSSLCheckServerIdentity"
                            && r.as_name() == Some(name)
                            && c.arg(0).is_some_and(|a| a.is_true())
                        {
                            checked = true;
                        }
                    });
                }
                if !checked {
                    cx.report(Report::at(site.span));
                }
            }
            return;
        }
        if site.call.is_new
            && matches!(
                site.name,
                "NoopHostnameVerifier" | "AllowAllHostnameVerifier"
            )
            && accept_all_class(m, site.call)
        {
            cx.report(Report::at(site.span));
            return;
        }
        if matches!(
            site.name,
            "setHostnameVerifier"
                | "setDefaultHostnameVerifier"
                | "hostnameVerifier"
                | "setSSLHostnameVerifier"
        ) && site.arg(0).is_some_and(|(e, _)| {
            accepts_every_host(m, e)
                // A local holding one: `HostnameVerifier v = ...ALLOW_ALL_HOSTNAME_VERIFIER;`,
                // `HostnameVerifier v = (h, s) -> true;`.
                || e.as_name().is_some_and(|n| {
                    let mut all = false;
                    crate::ir::find_assignments(&m.funcs[cx.func()].body, n, &mut |v| {
                        all |= accepts_every_host(m, v);
                    });
                    all
                })
        }) {
            cx.report(Report::at(site.span));
            return;
        }
        // new X509TrustManager() { public void checkServerTrusted(...) {} }
        for a in &site.call.args {
            if let crate::ir::ExprKind::Func(id) = a.value.kind {
                let f = &m.funcs[id];
                let accepts_all = match a.name.as_deref() {
                    Some("<method:checkServerTrusted>") => f.body.is_empty(),
                    Some("<method:verify>") => returns_true(f),
                    None if matches!(
                        site.name,
                        "setHostnameVerifier"
                            | "setDefaultHostnameVerifier"
                            | "hostnameVerifier"
                            | "setSSLHostnameVerifier"
                    ) =>
                    {
                        returns_true(f)
                    }
                    _ => false,
                };
                if accepts_all {
                    cx.report(Report::at(site.span));
                    return;
                }
            }
        }
    }
}

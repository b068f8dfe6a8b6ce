use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::flow::value::{Shape, Val};
use crate::ir::ExprKind;
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags TLS set up with a deprecated protocol: `SSLContext.getInstance("SSL")`
    /// (also `"SSLv3"`, `"TLSv1"`, `"TLSv1.1"`), `setEnabledProtocols(..)` /
    /// `SSLParameters.setProtocols(..)` with one of those in the list, the protocols of
    /// `new SSLConnectionSocketFactory(ctx, protocols, ..)`, the `https.protocols` and
    /// `jdk.tls.client.protocols` system properties, and OkHttp's
    /// `ConnectionSpec.Builder.tlsVersions(..)` with `TlsVersion.SSL_3_0`, `TLS_1_0` or
    /// `TLS_1_1`.
    ///
    /// ## Why is this bad?
    /// SSL 3.0, TLS 1.0 and TLS 1.1 have known attacks (POODLE, BEAST) and weak hash and
    /// cipher constructions; a connection that agrees on one of them can be read or
    /// downgraded by someone on the network path (CWE-757, CWE-327).
    ///
    /// ## Example
    /// ```java
    /// SSLContext ctx = SSLContext.getInstance("TLSv1");
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// SSLContext ctx = SSLContext.getInstance("TLSv1.3");
    /// ```
    JavaWeakTlsVersion
}

static META: RuleMeta = RuleMeta {
    id: "java/weak-tls-version",
    title: "Deprecated TLS version allowed",
    cwe: &[757, 327],
    severity: Severity::Medium,
    confidence: Confidence::High,
    message: "SSL 3.0, TLS 1.0 and 1.1 are deprecated; use TLS 1.2 or later",
    family: Family::Java,
    keywords: &[
        "SSLContext",
        "setEnabledProtocols",
        "setProtocols",
        "tlsVersions",
        "SSLConnectionSocketFactory",
        "https.protocols",
        "jdk.tls.client.protocols",
    ],
    calls: &[
        "getInstance",
        "setEnabledProtocols",
        "setProtocols",
        "tlsVersions",
        "SSLConnectionSocketFactory",
        "setProperty",
    ],
    on: 0,
};

/// A JSSE protocol name that is deprecated.
fn old_protocol(name: &str) -> bool {
    matches!(
        name,
        "SSL" | "SSLv2" | "SSLv3" | "SSLv2Hello" | "TLSv1" | "TLSv1.1"
    )
}

/// A string or a list of strings naming an old protocol.
fn names_old(v: &Val) -> bool {
    match &v.shape {
        Shape::Seq(items) => items
            .iter()
            .any(|i| i.const_str().is_some_and(old_protocol)),
        _ => v.const_str().is_some_and(old_protocol),
    }
}

impl Rule for JavaWeakTlsVersion {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let weak = match site.name {
            "getInstance" => {
                matches!(&site.call.callee.kind, ExprKind::Attr(b, _)
                    if b.last_name() == Some("SSLContext"))
                    && site
                        .arg(0)
                        .is_some_and(|(_, v)| v.const_str().is_some_and(old_protocol))
            }
            "setEnabledProtocols" | "setProtocols" => site.args.iter().any(names_old),
            // Apache HttpClient: `new SSLConnectionSocketFactory(ctx, protocols, suites, v)`.
            "SSLConnectionSocketFactory" => {
                site.call.is_new && site.arg(1).is_some_and(|(_, v)| names_old(v))
            }
            // `System.setProperty("https.protocols", "TLSv1,TLSv1.1")`: the protocols
            // HttpsURLConnection (or every client) offers.
            "setProperty" => {
                site.arg(0)
                    .and_then(|(_, v)| v.const_str())
                    .is_some_and(|k| matches!(k, "https.protocols" | "jdk.tls.client.protocols"))
                    && site
                        .arg(1)
                        .and_then(|(_, v)| v.const_str())
                        .is_some_and(|list| list.split(',').any(|p| old_protocol(p.trim())))
            }
            // OkHttp: `new ConnectionSpec.Builder(..).tlsVersions(TlsVersion.TLS_1_0)`.
            "tlsVersions" => site.call.args.iter().any(|a| {
                matches!(&a.value.kind, ExprKind::Attr(b, n)
                    if b.last_name() == Some("TlsVersion")
                        && matches!(n.as_str(), "SSL_3_0" | "TLS_1_0" | "TLS_1_1"))
                    || a.value.as_str().is_some_and(old_protocol)
            }),
            _ => false,
        };
        if weak {
            cx.report(Report::at(site.span));
        }
    }
}

use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags request data written to a text log (`log.Printf`/`Println`/`Print`, their
    /// `Fatal`/`Panic` forms, the same methods of a `*log.Logger`, logrus' `Infof`,
    /// `Warnf`, `Errorf`... also on an entry (`logrus.WithField(k, v).Infof`), glog's and
    /// klog's `Infof`/`Warningf`/`Errorf` (also after `glog.V(2)`), seelog's, and
    /// `fmt.Fprint*` to `os.Stderr`) without removing line breaks. Structured fields (`slog`,
    /// `WithField`) are quoted by the logger and not flagged.
    ///
    /// ## Why is this bad?
    /// A value with `\n` in it writes extra, fake log lines: an attacker forges entries
    /// or hides their own (log injection, CWE-117).
    ///
    /// ## Example
    /// ```go
    /// log.Printf("login failed for %s", r.FormValue("user"))
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// user := strings.ReplaceAll(r.FormValue("user"), "\n", "")
    /// log.Printf("login failed for %q", user)
    /// ```
    GoLogInjection
}

static META: RuleMeta = RuleMeta {
    id: "go/log-injection",
    title: "Request data written to a log",
    cwe: &[117],
    severity: Severity::Low,
    confidence: Confidence::Medium,
    message: "request data written to a log as is; strip line breaks or log it as a structured field",
    family: Family::Go,
    keywords: &["log"],
    calls: &[
        "Print",
        "Printf",
        "Println",
        "Fatal",
        "Fatalf",
        "Fatalln",
        "Panic",
        "Panicf",
        "Panicln",
        "Info",
        "Infof",
        "Warn",
        "Warnf",
        "Warning",
        "Warningf",
        "Error",
        "Errorf",
        "Debug",
        "Debugf",
        "Infoln",
        "Warnln",
        "Warningln",
        "Errorln",
        "Debugln",
        "Trace",
        "Tracef",
        "Traceln",
        "Critical",
        "Criticalf",
        "Exit",
        "Exitf",
        "Exitln",
        "Fprint",
        "Fprintf",
        "Fprintln",
    ],
    on: 0,
};

impl Rule for GoLogInjection {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let std_log = site.path.is_some_and(|p| p.starts_with("log."));
        let logrus = site
            .path
            .is_some_and(|p| p.starts_with("github.com/sirupsen/logrus."));
        // glog, klog and seelog write text lines; logrus' entries
        // (`logrus.WithField("k", v).Infof(...)`) and glog's `glog.V(2).Infof(...)`
        // write the message as the package functions do.
        let text_pkg = |p: &str| {
            p.starts_with("github.com/sirupsen/logrus.")
                || p.starts_with("github.com/golang/glog.")
                || p.starts_with("k8s.io/klog.")
                || p.starts_with("k8s.io/klog/v2.")
                || p.starts_with("github.com/cihub/seelog.")
        };
        let logrus = logrus || site.path.is_some_and(text_pkg);
        let chained =
            site.path.is_none() && chain_root(cx, &site.call.callee).is_some_and(|p| text_pkg(&p));
        let logrus = logrus || chained;
        let logger = site.path.is_none()
            && match &site.call.callee.kind {
                crate::ir::ExprKind::Attr(recv, _) => recv
                    .last_name()
                    .is_some_and(|n| n.to_ascii_lowercase().contains("log")),
                _ => false,
            };
        // `fmt.Fprintf(os.Stderr, ...)`: the process's error stream is its log.
        let stderr = site.path.is_some_and(|p| p.starts_with("fmt.Fprint"))
            && site
                .arg(0)
                .is_some_and(|(_, v)| v.ref_path() == Some("os.Stderr"));
        if !(std_log || logrus || logger || stderr) {
            return;
        }
        // `%q` quotes the value (line breaks come out escaped).
        if site
            .arg(usize::from(stderr))
            .and_then(|(_, v)| v.const_str())
            .is_some_and(|f| f.contains("%q"))
        {
            return;
        }
        for v in site.args.iter().skip(usize::from(stderr)) {
            if cx.flow(site.span, v, sink::LOG, accept::REQUEST) {
                return;
            }
        }
    }
}

/// The package function a chain of calls starts from: `github.com/golang/glog.V` for
/// `glog.V(2).Infof`, `github.com/sirupsen/logrus.WithField` for
/// `logrus.WithField("k", v).WithError(err).Warn`.
fn chain_root(cx: &Cx<'_, '_>, callee: &crate::ir::Expr) -> Option<String> {
    let mut cur = callee;
    while let crate::ir::ExprKind::Attr(b, _) = &cur.kind {
        match b.as_call() {
            Some(c) => cur = &c.callee,
            None => {
                return (!std::ptr::eq(cur, callee))
                    .then(|| cx.path_of(cur))
                    .flatten();
            }
        }
    }
    None
}

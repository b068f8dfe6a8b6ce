use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags protocols that send credentials in clear text: `ftplib.FTP` (not
    /// `FTP_TLS`), `telnetlib.Telnet`, `smtplib.SMTP` logins in a file that never calls
    /// `starttls()`, and HTTP requests to `http://` URLs that carry passwords, tokens or
    /// `auth=`.
    ///
    /// ## Why is this bad?
    /// Anyone on the network path reads the password or token as it passes (CWE-319).
    ///
    /// ## Example
    /// ```python
    /// ftp = ftplib.FTP(host)
    /// ftp.login(user, password)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// ftp = ftplib.FTP_TLS(host)
    /// ftp.login(user, password)
    /// ftp.prot_p()
    /// ```
    CleartextTransmission
}

static META: RuleMeta = RuleMeta {
    id: "python/cleartext-transmission",
    title: "Credentials sent in clear text",
    cwe: &[319],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "credentials sent over an unencrypted protocol; use the TLS variant",
    family: Family::Python,
    keywords: &["ftplib", "telnetlib", "smtplib", "http://"],
    calls: &[
        "FTP", "Telnet", "SMTP", "login", "get", "post", "put", "request",
    ],
    on: 0,
};

impl Rule for CleartextTransmission {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.is(&["ftplib.FTP", "telnetlib.Telnet"]) {
            cx.report(Report::at(site.span));
            return;
        }
        if site.is(&["smtplib.SMTP"]) {
            let src = cx.whole_text();
            if src.contains(".login(") && !src.contains("starttls") {
                cx.report(Report::at(site.span));
            }
            return;
        }
        let Some(path) = site.path else { return };
        if !(path.starts_with("requests.") || path.starts_with("httpx.")) {
            return;
        }
        let Some((_, url)) = site.arg(0).or_else(|| site.kwarg("url")) else {
            return;
        };
        let Some(prefix) = url.prefix.as_deref().or(url.const_str()) else {
            return;
        };
        let host = prefix
            .strip_prefix("http://")
            .map(|r| r.split(['/', ':']).next().unwrap_or(""));
        let Some(host) = host else { return };
        if host.is_empty() || host == "localhost" || host.starts_with("127.") || host == "0.0.0.0" {
            return;
        }
        let creds = site.kwarg("auth").is_some()
            || ["data", "json", "headers", "params"].iter().any(|k| {
                site.kwarg(k).is_some_and(|(e, _)| {
                    let t = cx.text(e.span).to_ascii_lowercase();
                    t.contains("password")
                        || t.contains("token")
                        || t.contains("secret")
                        || t.contains("authorization")
                        || t.contains("api_key")
                })
            });
        if creds {
            cx.report(Report::at(site.span));
        }
    }
}

use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::ir::{Expr, ExprKind};
use crate::rule_doc;
use crate::rules::python::mentions_password;
use crate::rules::support::{content_address, security_purpose, use_context};
use crate::rules::weak_algorithms::weak_hash;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags MD5 and SHA-1 used where collisions matter: every `OpenSSL::HMAC` keyed with
    /// them (`OpenSSL::HMAC.hexdigest("sha1", key, data)`, `OpenSSL::HMAC.new(key,
    /// OpenSSL::Digest::MD5.new)`), and `Digest::MD5` / `Digest::SHA1` /
    /// `OpenSSL::Digest::SHA1` / `OpenSSL::Digest.new("md5")` digests of tokens, keys,
    /// signatures or sessions (the data, the variable or the method say so). Digests
    /// named for a cache key, an ETag, a checksum or a fingerprint are left alone, and
    /// passwords are `ruby/weak-password-hash`'s.
    ///
    /// ## Why is this bad?
    /// Both are broken for collision resistance: signed data and tokens can be forged
    /// (CWE-327, CWE-328).
    ///
    /// ## Example
    /// ```ruby
    /// signature = OpenSSL::HMAC.hexdigest("sha1", secret, payload)
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// signature = OpenSSL::HMAC.hexdigest("SHA256", secret, payload)
    /// ```
    RubyWeakHash
}

static META: RuleMeta = RuleMeta {
    id: "ruby/weak-hash",
    title: "MD5 or SHA-1 used for security",
    cwe: &[327, 328],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "MD5/SHA-1 are broken for security uses; use SHA-256 or better",
    family: Family::Ruby,
    keywords: &["Digest", "HMAC"],
    calls: &["hexdigest", "digest", "base64digest", "new"],
    on: 0,
};

/// The methods that make a digest object or compute a digest at once.
fn digest_method(m: &str) -> bool {
    matches!(m, "hexdigest" | "digest" | "base64digest" | "new")
}

/// The algorithm a digest argument names: `"sha1"`, `OpenSSL::Digest::SHA1.new`,
/// `OpenSSL::Digest.new("md5")`, `Digest::MD5`.
fn algorithm_of(e: &Expr, const_text: Option<&str>) -> Option<String> {
    if let Some(s) = const_text {
        return Some(s.to_string());
    }
    let (base, arg) = match (e.as_call(), &e.kind) {
        (Some(c), _) => match &c.callee.kind {
            ExprKind::Attr(b, m) if m == "new" => (&**b, c.args.first().map(|a| &a.value)),
            _ => return None,
        },
        // (`Digest::MD5.new` without arguments reads like an attribute.)
        (None, ExprKind::Attr(b, m)) if m == "new" => (&**b, None),
        (None, _) => (e, None),
    };
    // (`OpenSSL::Digest::MD5` may be read as one scoped name.)
    let path = base.dotted()?.replace("::", ".");
    if path == "OpenSSL.Digest" {
        return arg.and_then(|a| a.as_str()).map(str::to_string);
    }
    path.rsplit('.').next().map(str::to_string)
}

/// `Digest::MD5.hexdigest(data)`, `OpenSSL::Digest::SHA1.new`,
/// `OpenSSL::Digest.digest("sha1", data)`, `OpenSSL::Digest.new("md5").digest(data)`: the
/// algorithm and the data's argument index.
fn direct_digest(site: &CallSite<'_>) -> Option<(String, usize)> {
    // `OpenSSL::Digest.new("md5").hexdigest(data)`: a digest object made and used at once.
    if let ExprKind::Attr(recv, m) = &site.call.callee.kind
        && m != "new"
        && digest_method(m)
        && (recv.as_call().is_some() || matches!(&recv.kind, ExprKind::Attr(_, n) if n == "new"))
    {
        let alg = algorithm_of(recv, None)?;
        return Some((alg, 0));
    }
    let (class, method) = site.path?.rsplit_once('.')?;
    if !digest_method(method) {
        return None;
    }
    if class == "OpenSSL.Digest" {
        let alg = site.arg(0).and_then(|(_, v)| v.const_str())?;
        return Some((alg.to_string(), 1));
    }
    let alg = class
        .strip_prefix("OpenSSL.Digest.")
        .or_else(|| class.strip_prefix("Digest."))?;
    Some((alg.to_string(), 0))
}

impl Rule for RubyWeakHash {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // An HMAC signs: its digest matters whatever the data is called.
        let hmac_digest = match site.path {
            Some(
                "OpenSSL.HMAC.hexdigest" | "OpenSSL.HMAC.digest" | "OpenSSL.HMAC.base64digest",
            ) => site.arg(0),
            Some("OpenSSL.HMAC.new") => site.arg(1),
            _ => None,
        };
        if let Some((e, v)) = hmac_digest {
            if algorithm_of(e, v.const_str()).is_some_and(|a| weak_hash(&a)) {
                cx.report(Report::at(site.span));
            }
            return;
        }
        let Some((alg, data)) = direct_digest(site) else {
            return;
        };
        if !weak_hash(&alg) {
            return;
        }
        let data_text = site.arg(data).map(|(e, _)| cx.text(e.span)).unwrap_or("");
        let ctx = format!("{} {data_text}", use_context(cx, site.span));
        if security_purpose(&ctx) && !mentions_password(&ctx) && !content_address(&ctx) {
            cx.report(Report::at(site.span));
        }
    }
}

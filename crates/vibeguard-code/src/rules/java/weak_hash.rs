use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `MessageDigest.getInstance` with a broken digest (MD2, MD4, MD5, SHA-1),
    /// and with any fast digest (SHA-224 to SHA-512) in a function about passwords. The
    /// same for Apache commons-codec `DigestUtils` (`md5Hex`, `sha1Hex`, the deprecated
    /// `sha`/`shaHex`, `getMd5Digest()`, `getSha1Digest()`; `sha256Hex` of a password),
    /// and signatures over a broken digest (`Signature.getInstance("MD5withRSA")`,
    /// `"SHA1withRSA"`, `"SHA1withECDSA"`). The
    /// algorithm is a literal, or read with `Properties.getProperty(key)` from a
    /// properties file of the project that the file names (its configured value).
    ///
    /// ## Why is this bad?
    /// MD5 and SHA-1 collide: signatures and integrity checks built on them can be
    /// forged (CWE-327, CWE-328). Passwords hashed with any fast digest are recovered by
    /// brute force from a leaked table (CWE-916).
    ///
    /// ## Example
    /// ```java
    /// MessageDigest md = MessageDigest.getInstance("MD5");
    /// byte[] hash = md.digest(password.getBytes());
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// String hash = new BCryptPasswordEncoder(12).encode(password);
    /// ```
    JavaWeakHash
}

static META: RuleMeta = RuleMeta {
    id: "java/weak-hash",
    title: "Broken or fast digest for passwords and signatures",
    cwe: &[327, 328, 916],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "MD5/SHA-1 are broken and fast digests do not protect passwords; use SHA-256+ for integrity and bcrypt/argon2 for passwords",
    family: Family::Java,
    keywords: &["MessageDigest", "DigestUtils", "Signature"],
    calls: &[
        "getInstance",
        "md5Hex",
        "sha1Hex",
        "md5",
        "sha1",
        "sha256Hex",
        "sha256",
        "md2",
        "md2Hex",
        "sha",
        "shaHex",
        "getMd2Digest",
        "getMd5Digest",
        "getSha1Digest",
        "getShaDigest",
    ],
    on: 0,
};

fn broken(alg: &str) -> bool {
    let a = alg.to_ascii_uppercase().replace(['-', '_'], "");
    matches!(a.as_str(), "MD2" | "MD4" | "MD5" | "SHA1" | "SHA")
}

fn about_passwords(cx: &Cx<'_, '_>) -> bool {
    let f = &cx.module().funcs[cx.func()];
    crate::rules::python::mentions_password(&f.name)
        || f.params.iter().any(|p| {
            p.name()
                .is_some_and(crate::rules::python::mentions_password)
        })
}

impl Rule for JavaWeakHash {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // Apache commons-codec DigestUtils.md5Hex(x) / sha1Hex(x) / sha256Hex(password)
        if site.path.is_some_and(|p| p.contains("DigestUtils.")) {
            // md5/md2/sha1 (+Hex), the deprecated sha/shaHex (SHA-1), and the
            // getMd5Digest()/getSha1Digest() MessageDigest factories.
            let weak = site.name.starts_with("md5")
                || site.name.starts_with("md2")
                || site.name.starts_with("sha1")
                || matches!(
                    site.name,
                    "sha"
                        | "shaHex"
                        | "getMd2Digest"
                        | "getMd5Digest"
                        | "getSha1Digest"
                        | "getShaDigest"
                );
            if weak || about_passwords(cx) {
                cx.report(Report::at(site.span));
            }
            return;
        }
        // `Signature.getInstance("MD5withRSA")`: the signature covers a digest that
        // collides, so a second document with the same digest carries it too.
        if site
            .path
            .is_some_and(|p| p == "Signature.getInstance" || p.ends_with(".Signature.getInstance"))
            && let Some(alg) = site.arg(0).and_then(|(_, v)| v.const_str())
            && alg
                .to_ascii_uppercase()
                .split_once("WITH")
                .is_some_and(|(digest, _)| broken(digest))
        {
            cx.report(Report::at(site.span));
            return;
        }
        if !site
            .path
            .is_some_and(|p| p.ends_with("MessageDigest.getInstance"))
        {
            return;
        }
        let Some(alg) = site.arg(0).and_then(|(_, v)| v.const_str()) else {
            return;
        };
        if broken(alg) || alg.to_ascii_uppercase().starts_with("SHA") && about_passwords(cx) {
            cx.report(Report::at(site.span));
        }
    }
}

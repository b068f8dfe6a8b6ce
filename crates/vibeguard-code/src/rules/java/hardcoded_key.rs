use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, accept, sink};
use crate::flow::value::{Shape, Val};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags cryptographic keys, initialisation vectors and passwords that are constants
    /// of the program: a string literal (or its `getBytes()` / `toCharArray()`) or an
    /// array of literal numbers reaching the key of `new SecretKeySpec(key, alg)`, the IV
    /// of `new IvParameterSpec(iv)` / `new GCMParameterSpec(bits, iv)`, the password of
    /// `new PBEKeySpec(pw, ...)`, `new PasswordAuthentication(user, pw)`,
    /// `new KerberosKey(principal, pw, alg)` or `DriverManager.getConnection(url, user,
    /// pw)`, or the secret of a JWT signature (java-jwt `Algorithm.HMAC256(secret)`,
    /// jjwt `Keys.hmacShaKeyFor(bytes)`, `setSigningKey(secret)`, `signWith(alg,
    /// secret)`). The value is followed through variables and into the methods it is
    /// passed to (a sink reached from a parameter is reported when a caller passes a
    /// literal for it); empty strings are left alone.
    ///
    /// ## Why is this bad?
    /// A key or password in the source is known to everyone who can read the code, the
    /// repository or the compiled class, and cannot be rotated without a release
    /// (CWE-321, CWE-259, CWE-798). A fixed IV makes CBC encrypt equal prefixes to equal
    /// ciphertext and breaks GCM outright (CWE-329).
    ///
    /// ## Example
    /// ```java
    /// SecretKeySpec key = new SecretKeySpec("0123456789abcdef".getBytes(), "AES");
    /// IvParameterSpec iv = new IvParameterSpec(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// SecretKeySpec key = new SecretKeySpec(keyStore.getKey("app", pw).getEncoded(), "AES");
    /// byte[] ivBytes = new byte[16];
    /// new SecureRandom().nextBytes(ivBytes);
    /// IvParameterSpec iv = new IvParameterSpec(ivBytes);
    /// ```
    JavaHardcodedKey
}

static META: RuleMeta = RuleMeta {
    id: "java/hardcoded-key",
    title: "Hard-coded key, IV or password",
    cwe: &[321, 259, 329, 798],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "cryptographic key written in the code; load it from a key store or secret manager",
    family: Family::Java,
    keywords: &[
        "SecretKeySpec",
        "IvParameterSpec",
        "GCMParameterSpec",
        "PBEKeySpec",
        "PasswordAuthentication",
        "KerberosKey",
        "DriverManager",
        "HMAC",
        "hmacShaKeyFor",
        "SigningKey",
        "signWith",
    ],
    calls: &[
        "SecretKeySpec",
        "IvParameterSpec",
        "GCMParameterSpec",
        "PBEKeySpec",
        "PasswordAuthentication",
        "KerberosKey",
        "getConnection",
        "HMAC256",
        "HMAC384",
        "HMAC512",
        "hmacShaKeyFor",
        "setSigningKey",
        "signWith",
    ],
    on: 0,
};

/// A non-empty literal string (or its bytes / chars) or an array of literal numbers.
fn literal(v: &Val) -> bool {
    if v.is_const() {
        return v.const_str().is_some_and(|s| !s.is_empty());
    }
    matches!(&v.shape, Shape::Seq(items) if !items.is_empty()) && v.all_const_elements()
}

impl Rule for JavaHardcodedKey {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let path = site.path.unwrap_or(site.name);
        let class = path.rsplit('.').next().unwrap_or(path);
        let (arg, message) = match (site.call.is_new, class) {
            (true, "SecretKeySpec") => (0, None),
            (true, "IvParameterSpec") => (
                0,
                Some(
                    "initialisation vector written in the code; use a fresh random IV for every message",
                ),
            ),
            (true, "GCMParameterSpec") => (
                1,
                Some(
                    "initialisation vector written in the code; use a fresh random IV for every message",
                ),
            ),
            (true, "PBEKeySpec") => (
                0,
                Some("password written in the code; read it from a secret store"),
            ),
            (true, "PasswordAuthentication") => (
                1,
                Some("password written in the code; read it from a secret store"),
            ),
            (true, "KerberosKey") => (
                1,
                Some("password written in the code; read it from a secret store"),
            ),
            (false, "getConnection") if path.ends_with("DriverManager.getConnection") => (
                2,
                Some("database password written in the code; read it from a secret store"),
            ),
            // JWT signing secrets: java-jwt's `Algorithm.HMAC256(secret)`, jjwt's
            // `Keys.hmacShaKeyFor(bytes)`, `setSigningKey(secret)`, `signWith(alg, secret)`.
            (false, "HMAC256" | "HMAC384" | "HMAC512")
                if path.ends_with(&format!("Algorithm.{class}")) =>
            {
                (
                    0,
                    Some("JWT signing secret written in the code; read it from a secret store"),
                )
            }
            (false, "hmacShaKeyFor") if path.ends_with("Keys.hmacShaKeyFor") => (
                0,
                Some("JWT signing secret written in the code; read it from a secret store"),
            ),
            (false, "setSigningKey") => (
                0,
                Some("JWT signing secret written in the code; read it from a secret store"),
            ),
            (false, "signWith") if site.positional() == 2 => (
                1,
                Some("JWT signing secret written in the code; read it from a secret store"),
            ),
            _ => return,
        };
        // A password or signing secret written as a template (`"******"`, `"<password>"`,
        // `"${DB_PASS}"`) is a placeholder in an example, not a credential; a key or IV
        // stays constant whatever its bytes look like.
        let secret_text = message.is_some_and(|m| m.contains("password") || m.contains("secret"));
        if secret_text
            && site
                .arg_val(arg)
                .and_then(|v| v.const_str())
                .is_some_and(crate::rules::support::credential_placeholder)
        {
            return;
        }
        let Some(v) = site.arg_val(arg) else { return };
        if literal(v) {
            let mut r = Report::at(site.span);
            if let Some(m) = message {
                r = r.message(m);
            }
            cx.report(r);
        } else {
            // A parameter: reported where a caller passes a literal for it.
            let m = message.unwrap_or(META.message).to_string();
            cx.flow_message(site.span, v, sink::ALL, accept::LITERAL, m);
        }
    }
}

use crate::check::{AssignSite, Cx, Report, Rule, RuleMeta, on};
use crate::flow::value::{Shape, Val};
use crate::ir::{Expr, ExprKind, Pattern};
use crate::rule_doc;
use crate::rules::support::{
    credential_constant, credential_placeholder, name_words, names_a_setting,
};
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags a password, secret or API key field or local given a value written in the
    /// code in a form a text scan of string literals does not read as one: a `char[]`,
    /// `byte[]` or `String[]` of literals (`{'s', 'e', 'c', ...}`), the chars or bytes of
    /// a constant (`PASSWORD.toCharArray()`), or an encoding of a literal
    /// (`TextCodec.BASE64.encode("...")`, `Base64.getEncoder().encodeToString(..)`).
    /// Plain string literals are the secrets scanner's (`secrets/generic-password`).
    ///
    /// ## Why is this bad?
    /// Everyone who can read the code or the compiled class (a decompiler prints the
    /// array back) has the credential, it is the same on every installation, and it cannot
    /// be rotated without a release (CWE-798, CWE-259).
    ///
    /// ## Example
    /// ```java
    /// private static final char[] PASSWORD = {'h', 'u', 'n', 't', 'e', 'r', '2'};
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// private static final char[] PASSWORD = System.getenv("DB_PASSWORD").toCharArray();
    /// ```
    JavaHardcodedSecret
}

static META: RuleMeta = RuleMeta {
    id: "java/hardcoded-secret",
    title: "Credential written into the code as an array or encoding",
    cwe: &[798, 259],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "credential written in the code; load it from the environment or a secret store",
    family: Family::Java,
    keywords: &[
        "password",
        "passwd",
        "pwd",
        "secret",
        "apikey",
        "api_key",
        "passphrase",
    ],
    calls: &[],
    on: on::ASSIGN,
};

/// Calls that turn a constant into the same secret in another form: its chars or bytes,
/// an encoding of it, a copy.
const SAME_SECRET: &[&str] = &[
    "toCharArray",
    "getBytes",
    "encode",
    "encodeToString",
    "decode",
    "copyOf",
    "valueOf",
];

impl Rule for JavaHardcodedSecret {
    crate::rule_meta!(META);
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        // Only arrays and calls are this rule's; plain literals are the secrets scanner's.
        if !matches!(site.value.kind, ExprKind::List(_) | ExprKind::Call(_)) {
            return;
        }
        let name = match site.target {
            Pattern::Name(n, _) => n.as_str(),
            _ => match site.target_path.as_deref() {
                Some(p) => p.rsplit('.').next().unwrap_or(p),
                None => return,
            },
        };
        if !credential_variable(name) {
            return;
        }
        let written = match &site.value.kind {
            // `{'s', 'e', 'c'}`, `new byte[] {1, 2, 3}`, `{"admin", "s3cret"}`
            ExprKind::List(_) => literal_elements(site.val),
            ExprKind::Call(c) => {
                c.callee
                    .last_name()
                    .is_some_and(|m| SAME_SECRET.contains(&m))
                    && !literal_receiver(&c.callee)
                    && (credential_constant(site.val)
                        || c.args
                            .first()
                            .is_some_and(|a| credential_constant(&cx.value_of(&a.value))))
            }
            _ => false,
        };
        if written {
            cx.report(Report::at(site.span));
        }
    }
}

/// `"s3cret".toCharArray()`: a string literal the secrets scanner reads itself.
fn literal_receiver(callee: &Expr) -> bool {
    matches!(&callee.kind, ExprKind::Attr(b, _) if b.as_str().is_some())
}

/// A non-empty array of constants that is not a placeholder spelled out.
fn literal_elements(v: &Val) -> bool {
    let Shape::Seq(items) = &v.shape else {
        return false;
    };
    if items.is_empty() || !v.all_const_elements() {
        return false;
    }
    let text: String = items.iter().filter_map(|i| i.const_str()).collect();
    // (numbers leave no text: a key's bytes)
    text.is_empty() || !credential_placeholder(&text)
}

/// A name for a password, secret or API key (`PWD`, `dbPassword`, `API_KEY`,
/// `clientSecret`, `pwd1`), not for something about one (`passwordField`,
/// `PASSWORD_LENGTH`, `secretName`) or a hash of one.
fn credential_variable(name: &str) -> bool {
    let has = |w: &str| {
        name.as_bytes()
            .windows(w.len())
            .any(|x| x.eq_ignore_ascii_case(w.as_bytes()))
    };
    if !(has("pass") || has("pwd") || has("secret") || has("key")) || names_a_setting(name) {
        return false;
    }
    let words = name_words(name);
    // `pwd1`, `SECRETS`: a numbered or plural credential.
    let base = |w: &str| {
        let w = w.trim_end_matches(|c: char| c.is_ascii_digit());
        w.strip_suffix('s')
            .filter(|b| b.len() > 3 && !w.ends_with("ss"))
            .unwrap_or(w)
            .to_string()
    };
    let bases: Vec<String> = words.iter().map(|w| base(w)).collect();
    let about = [
        "name", "file", "path", "url", "type", "field", "length", "policy", "hash", "hashed",
        "confirm", "regex", "pattern", "prompt", "label", "public",
    ];
    if bases.iter().any(|w| about.contains(&w.as_str())) {
        return false;
    }
    bases.iter().any(|w| {
        matches!(
            w.as_str(),
            "password" | "passwd" | "pwd" | "secret" | "apikey" | "passphrase"
        )
    }) || bases.windows(2).any(|p| p[0] == "api" && p[1] == "key")
}

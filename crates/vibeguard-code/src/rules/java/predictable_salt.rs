use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, accept, sink};
use crate::flow::value::{Shape, Val};
use crate::rule_doc;
use crate::rules::support::java_receiver_declared;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags the salt of a hash or a password-based key that anyone can predict: a value
    /// made by `java.util.Random`, `Math.random()` or another predictable generator fed
    /// into a `MessageDigest` (`md.update(salt)` before `digest`) or given to
    /// `new PBEKeySpec(password, salt, ...)` / `new PBEParameterSpec(salt, n)`; and a
    /// salt written in the code (a literal string's bytes or an array of literal
    /// numbers) given to those key specs.
    ///
    /// ## Why is this bad?
    /// A salt makes every stored hash different, so that one precomputed table or one
    /// cracking run does not serve every user. `java.util.Random` has 48 bits of state
    /// that a few outputs give away, and a constant salt is the same for everyone: the
    /// attacker computes the salts too and the protection is gone (CWE-760).
    ///
    /// ## Example
    /// ```java
    /// MessageDigest md = MessageDigest.getInstance("SHA-512");
    /// md.update(Integer.toString(new Random().nextInt()).getBytes(UTF_8));
    /// byte[] hash = md.digest(password.getBytes(UTF_8));
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// byte[] salt = new byte[16];
    /// new SecureRandom().nextBytes(salt);
    /// SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
    ///     .generateSecret(new PBEKeySpec(password, salt, 600_000, 256));
    /// ```
    JavaPredictableSalt
}

static META: RuleMeta = RuleMeta {
    id: "java/predictable-salt",
    title: "Predictable salt for a hash",
    cwe: &[760],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "the salt is predictable; draw it from SecureRandom and store it with the hash",
    family: Family::Java,
    keywords: &["MessageDigest", "PBEKeySpec", "PBEParameterSpec"],
    calls: &["update", "PBEKeySpec", "PBEParameterSpec"],
    on: 0,
};

/// A non-empty literal string's bytes or an array of literal numbers.
fn literal(v: &Val) -> bool {
    if v.is_const() {
        return v.const_str().is_some_and(|s| !s.is_empty());
    }
    matches!(&v.shape, Shape::Seq(items) if !items.is_empty()) && v.all_const_elements()
}

impl Rule for JavaPredictableSalt {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let spec_salt = match (site.call.is_new, site.name) {
            (true, "PBEKeySpec") if site.positional() >= 3 => Some(1),
            (true, "PBEParameterSpec") => Some(0),
            _ => None,
        };
        if let Some(i) = spec_salt {
            let Some(salt) = site.arg_val(i) else { return };
            if literal(salt) {
                cx.report(Report::at(site.span).message(
                    "the salt is a constant in the code; draw a fresh one from SecureRandom for every password and store it with the hash",
                ));
            } else {
                cx.flow(site.span, salt, sink::ALL, accept::RANDOM);
            }
            return;
        }
        // `md.update(bytes)` on a digest: what is hashed in before the data is its salt.
        if site.name == "update"
            && site.positional() == 1
            && java_receiver_declared(cx, site, &["MessageDigest"])
            && let Some(v) = site.arg_val(0)
        {
            cx.flow(site.span, v, sink::ALL, accept::RANDOM);
        }
    }
}

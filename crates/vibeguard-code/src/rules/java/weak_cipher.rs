use crate::check::{CallSite, Cx, Report, Rule, RuleMeta};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `Cipher.getInstance` with a broken cipher (DES, 3DES, RC2, RC4, Blowfish) or
    /// the ECB mode, including a bare `"AES"`, which the JDK runs as AES/ECB, and RSA
    /// without padding (`"RSA/NONE/NoPadding"`, textbook RSA); keys made for a broken
    /// cipher (`KeyGenerator`/`SecretKeyFactory.getInstance("DES")`, `new DESKeySpec`,
    /// `new DESedeKeySpec`); password-based encryption over one of them
    /// (`"PBEWithMD5AndDES"`, `"PBEWithSHA1AndDESede"`, `"PBEWithSHA1AndRC4_128"`) in
    /// `Cipher` or `SecretKeyFactory`; and `new NullCipher()`, which encrypts nothing. An RSA transformation's
    /// `ECB` names no block mode (`"RSA/ECB/OAEPWithSHA-256AndMGF1Padding"` is fine). The
    /// transformation is a literal, or read with `Properties.getProperty(key)` from a
    /// properties file of the project that the file names (its configured value).
    ///
    /// ## Why is this bad?
    /// DES keys are brute-forced in hours and RC4's stream is biased; ECB encrypts equal
    /// blocks to equal blocks, so the shape of the data shows through; unpadded RSA is
    /// deterministic and malleable (CWE-327, CWE-780).
    ///
    /// ## Example
    /// ```java
    /// Cipher c = Cipher.getInstance("DES/ECB/PKCS5Padding");
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    /// c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
    /// ```
    JavaWeakCipher
}

static META: RuleMeta = RuleMeta {
    id: "java/weak-cipher",
    title: "Broken cipher or ECB mode",
    cwe: &[327],
    severity: Severity::High,
    confidence: Confidence::High,
    message: "broken cipher or ECB mode; use AES/GCM/NoPadding with a random IV",
    family: Family::Java,
    keywords: &["Cipher", "KeyGenerator", "SecretKeyFactory", "KeySpec"],
    calls: &["getInstance", "DESKeySpec", "DESedeKeySpec", "NullCipher"],
    on: 0,
};

fn weak(transformation: &str) -> bool {
    let t = transformation.to_ascii_uppercase();
    let mut parts = t.split('/');
    let alg = parts.next().unwrap_or("");
    let mode = parts.next();
    let padding = parts.next();
    if matches!(alg, "RSA" | "ECIES") {
        // The JDK names RSA transformations "RSA/ECB/..." though no block mode applies;
        // what matters is the padding: none is textbook RSA.
        return padding == Some("NOPADDING");
    }
    matches!(
        alg,
        "DES" | "DESEDE" | "TRIPLEDES" | "3DES" | "RC2" | "RC4" | "ARCFOUR" | "BLOWFISH"
    ) || mode == Some("ECB")
        || pbe_over_broken_cipher(alg)
        || t == "AES"
}

/// A secret-key algorithm of a broken cipher (`KeyGenerator.getInstance("DESede")`).
/// (A Blowfish key's size is judged by java/weak-key-size; its cipher here.)
fn broken_key(alg: &str) -> bool {
    matches!(
        alg.to_ascii_uppercase().as_str(),
        "DES" | "DESEDE" | "TRIPLEDES" | "RC2" | "RC4" | "ARCFOUR"
    ) || pbe_over_broken_cipher(alg)
}

/// A password-based encryption scheme (`PBEWith<digest>And<cipher>`) whose cipher is
/// broken: `PBEWithMD5AndDES`, `PBEWithSHA1AndDESede`, `PBEWithSHA1AndRC2_40`,
/// `PBEWithSHA1AndRC4_128`, `PBEWithMD5AndTripleDES`. The password only derives the key;
/// the data is still enciphered with DES, RC2 or RC4 (`PBEWithHmacSHA256AndAES_256` is
/// fine).
fn pbe_over_broken_cipher(alg: &str) -> bool {
    let a = alg.to_ascii_uppercase();
    let Some(scheme) = a.split('/').next().and_then(|s| s.strip_prefix("PBEWITH")) else {
        return false;
    };
    let Some((_, cipher)) = scheme.split_once("AND") else {
        return false;
    };
    let name = cipher.split('_').next().unwrap_or("");
    matches!(name, "DES" | "DESEDE" | "TRIPLEDES" | "RC2" | "RC4")
}

impl Rule for JavaWeakCipher {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if site.call.is_new && matches!(site.name, "DESKeySpec" | "DESedeKeySpec" | "NullCipher") {
            cx.report(Report::at(site.span));
            return;
        }
        let Some(alg) = site.arg(0).and_then(|(_, v)| v.const_str()) else {
            return;
        };
        let cipher = site.path.is_some_and(|p| p.ends_with("Cipher.getInstance"));
        // A key generator or factory for a broken cipher: the key is only good for it.
        let key_maker = site.path.is_some_and(|p| {
            p.ends_with("KeyGenerator.getInstance") || p.ends_with("SecretKeyFactory.getInstance")
        });
        if cipher && weak(alg) || key_maker && broken_key(alg) {
            cx.report(Report::at(site.span));
        }
    }
}

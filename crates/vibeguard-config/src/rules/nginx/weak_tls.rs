use crate::parse::nginx::walk;
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags `ssl_protocols` that enable SSLv2, SSLv3, TLSv1 or TLSv1.1, and
    /// `ssl_ciphers` lists that enable broken ciphers (RC4, DES/3DES, MD5, NULL, EXPORT,
    /// anonymous key exchange) without excluding them.
    ///
    /// ## Why is this bad?
    /// These protocols and ciphers have practical attacks (POODLE, BEAST, Sweet32, RC4
    /// biases) that let a network attacker decrypt or tamper with traffic (CWE-327,
    /// CWE-326).
    ///
    /// ## Example
    /// ```nginx
    /// ssl_protocols TLSv1 TLSv1.1 TLSv1.2;
    /// ssl_ciphers HIGH:RC4:3DES;
    /// ```
    ///
    /// ## Use instead
    /// ```nginx
    /// ssl_protocols TLSv1.2 TLSv1.3;
    /// ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;
    /// ```
    WeakTls {
        id: "nginx/weak-tls",
        title: "Obsolete TLS protocol or weak cipher",
        cwe: [327, 326],
        severity: Medium,
        confidence: High,
        kinds: [Nginx],
        message: "obsolete TLS protocols or weak ciphers are enabled",
    }
}

const WEAK_CIPHERS: &[&str] = &[
    "rc4", "des", "3des", "des-cbc3", "md5", "null", "export", "exp", "anull", "enull", "adh",
    "aecdh", "idea", "seed", "psk",
];

impl Check for WeakTls {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        walk(f.nginx(), &mut |d, _| match d.name.as_str() {
            "ssl_protocols" => {
                let weak: Vec<&str> = d
                    .args
                    .iter()
                    .map(|a| a.as_str())
                    .filter(|a| matches!(*a, "SSLv2" | "SSLv3" | "TLSv1" | "TLSv1.1"))
                    .collect();
                if !weak.is_empty() {
                    out.push(Hit::at(d.span.clone()).message(format!(
                        "`ssl_protocols` enables {}: allow only TLSv1.2 and TLSv1.3",
                        weak.join(", ")
                    )));
                }
            }
            "ssl_ciphers" => {
                let list = d.args.join(":");
                let weak: Vec<String> = list
                    .split([':', ' '])
                    .filter(|c| !c.starts_with('!') && !c.starts_with('-'))
                    .filter(|c| {
                        let l = c.to_ascii_lowercase();
                        l.split(['-', '+']).any(|part| WEAK_CIPHERS.contains(&part))
                    })
                    .map(str::to_string)
                    .collect();
                if !weak.is_empty() {
                    out.push(Hit::at(d.span.clone()).message(format!(
                        "`ssl_ciphers` enables weak ciphers ({}): use AEAD suites only",
                        weak.join(", ")
                    )));
                }
            }
            _ => {}
        });
    }
}

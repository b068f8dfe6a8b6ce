//! Example templates: rule examples say `ghp_%[a62*30]%[crc6]` instead of spelling out a
//! token, so the rule files never contain a real-looking credential and every test run
//! builds format-valid, obviously synthetic values from a fixed seed.
//!
//! Syntax: `%[CLASS*N]` emits N characters of CLASS; `%[crc6]` emits the 6-character
//! base62 CRC32 of the 30 characters before it (the GitHub/npm token checksum);
//! `%[basicauth]` emits base64 of `deploy:<random>` (HTTP Basic credentials);
//! `%[pemb64]` emits base64 of a PEM private key's BEGIN line;
//! `%[CLASS*N:sep]` is not supported on purpose: keep templates simple.

use crate::validate::{base62_crc32, crc32};

fn alphabet(class: &str) -> Option<&'static [u8]> {
    Some(match class {
        "a62" => b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        "l" => b"abcdefghijklmnopqrstuvwxyz",
        "u" => b"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "d" => b"0123456789",
        "hl" => b"0123456789abcdef",
        "hu" => b"0123456789ABCDEF",
        "l36" => b"0123456789abcdefghijklmnopqrstuvwxyz",
        "u36" => b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "b64" => b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
        "u64" => b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
        "w" => b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_",
        "b32" => b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
        "bech32u" => b"QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L",
        _ => return None,
    })
}

/// A small deterministic generator (splitmix64): no dependency, same output everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Expand a template with a seed (use [`seed_for`] so each example differs).
pub fn expand(template: &str, seed: u64) -> Result<String, String> {
    let mut rng = Rng(seed);
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(i) = rest.find("%[") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let end = after
            .find(']')
            .ok_or_else(|| format!("unclosed %[ in template {template:?}"))?;
        let spec = &after[..end];
        if spec == "basicauth" {
            // base64("deploy:" + 14 random characters): HTTP Basic / docker auth values.
            use base64::Engine as _;
            let mut pair = String::from("deploy:");
            let alpha = alphabet("a62").unwrap_or(b"ab");
            for _ in 0..14 {
                pair.push(alpha[(rng.next() % alpha.len() as u64) as usize] as char);
            }
            out.push_str(&base64::engine::general_purpose::STANDARD.encode(pair));
        } else if spec == "pemb64" {
            // base64 of a PEM private key header line; random base64 follows in the template.
            use base64::Engine as _;
            out.push_str(
                &base64::engine::general_purpose::STANDARD
                    .encode("-----BEGIN RSA PRIVATE KEY-----\nM"),
            );
        } else if spec == "crc6" {
            let body = out.as_bytes();
            if body.len() < 30 {
                return Err(format!(
                    "%[crc6] needs 30 characters before it in {template:?}"
                ));
            }
            let crc = crc32(&body[body.len() - 30..]);
            out.push_str(&base62_crc32(crc));
        } else {
            let (class, n) = spec
                .split_once('*')
                .ok_or_else(|| format!("bad template spec %[{spec}] in {template:?}"))?;
            let alpha =
                alphabet(class).ok_or_else(|| format!("unknown class {class} in {template:?}"))?;
            let n: usize = n
                .parse()
                .map_err(|_| format!("bad count in %[{spec}] of {template:?}"))?;
            for _ in 0..n {
                let c = alpha[(rng.next() % alpha.len() as u64) as usize];
                out.push(c as char);
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// A seed that differs per rule and per example.
pub fn seed_for(rule_id: &str, index: usize) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in rule_id.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_classes_and_checksum() {
        let t = expand("ghp_%[a62*30]%[crc6]", 7).unwrap();
        assert_eq!(t.len(), 40);
        assert!(crate::validate::github_checksum_ok(t.as_bytes()));
        assert_eq!(expand("x%[d*3]y", 1).unwrap().len(), 5);
        assert!(expand("%[zz*3]", 1).is_err());
        assert!(expand("%[a62*3", 1).is_err());
        assert_ne!(
            expand("%[a62*20]", seed_for("a", 0)),
            expand("%[a62*20]", seed_for("a", 1))
        );
    }
}

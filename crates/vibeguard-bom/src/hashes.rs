//! Lockfile integrity strings as artifact digests: Subresource Integrity (`sha512-<base64>`,
//! npm, pnpm, bun, yarn classic), `sha256:<hex>` (pip, poetry, uv, Cargo), `sha256=<hex>`
//! (Bundler checksums), `sha1:<hex>` (Composer). Anything else (Go's `h1:` module hashes,
//! yarn berry's cache checksums) is not a digest of the package archive and is kept as
//! written instead.

use base64::Engine;
use serde::Serialize;

/// A digest with its algorithm as BOM formats name it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Hash {
    /// `MD5`, `SHA-1`, `SHA-256`, `SHA-384` or `SHA-512`.
    pub alg: &'static str,
    /// Lowercase hex.
    pub hex: String,
}

fn algorithm(name: &str) -> Option<(&'static str, usize)> {
    Some(match name.to_ascii_lowercase().as_str() {
        "md5" => ("MD5", 16),
        "sha1" => ("SHA-1", 20),
        "sha256" => ("SHA-256", 32),
        "sha384" => ("SHA-384", 48),
        "sha512" => ("SHA-512", 64),
        _ => return None,
    })
}

/// One integrity string as a digest, `None` when it is not one.
pub fn parse_hash(text: &str) -> Option<Hash> {
    let text = text.trim();
    // The separator is the first of `:`, `=` and `-`: base64 padding (`==`) comes after
    // an SRI's `-`.
    let sep = text.find([':', '=', '-'])?;
    if text.as_bytes()[sep] != b'-' {
        let (name, value) = (&text[..sep], &text[sep + 1..]);
        let (alg, len) = algorithm(name)?;
        let value = value.trim();
        if value.len() == len * 2 && value.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Some(Hash {
                alg,
                hex: value.to_ascii_lowercase(),
            });
        }
        return None;
    }
    let (name, value) = text.split_once('-')?;
    let (alg, len) = algorithm(name)?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(value.trim())
        .ok()?;
    (bytes.len() == len).then(|| Hash {
        alg,
        hex: hex::encode(bytes),
    })
}

/// Every digest in an integrity field (SRI allows several, space-separated).
pub fn parse_hashes(text: &str) -> (Vec<Hash>, bool) {
    let mut out = Vec::new();
    let mut all = true;
    for part in text.split_whitespace() {
        match parse_hash(part) {
            Some(h) => out.push(h),
            None => all = false,
        }
    }
    (out, all && !text.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_lockfile_digest_form() {
        let sri = "sha512-U3nJ9Wx+dmSkk0RA/1cKBcbOvO7aWaufmJIIOhOgSmrLbPjrp9lVmPYqojLnOW0KeiDc3Dg8gcCZiFqxKFy2cw==";
        let h = parse_hash(sri).unwrap();
        assert_eq!(h.alg, "SHA-512");
        assert_eq!(h.hex.len(), 128);
        let hex64 = "a".repeat(64);
        assert_eq!(
            parse_hash(&format!("sha256:{hex64}")).unwrap().alg,
            "SHA-256"
        );
        assert_eq!(parse_hash(&format!("sha256={hex64}")).unwrap().hex, hex64);
        assert_eq!(
            parse_hash(&format!("sha1:{}", "B".repeat(40))).unwrap().hex,
            "b".repeat(40)
        );
        assert_eq!(
            parse_hash("h1:abcdefg="),
            None,
            "Go module hashes are not archive digests"
        );
        assert_eq!(
            parse_hash(&format!("10c0/{hex64}")),
            None,
            "yarn berry cache checksum"
        );
        assert_eq!(parse_hash("sha256:xyz"), None);
        assert_eq!(parse_hash("sha1:"), None);
        let (both, all) = parse_hashes(&format!("{sri} sha1-{}", "AAAAAAAAAAAAAAAAAAAAAAAAAAA="));
        assert_eq!(both.len(), 2);
        assert!(all);
    }
}

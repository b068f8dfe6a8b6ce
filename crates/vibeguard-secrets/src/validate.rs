//! Structural validators: checks a format defines beyond what a regex can say (checksums,
//! decodable headers). A candidate that fails its validator is not reported.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};

/// Names accepted in a rule's `validator` field.
pub const VALIDATORS: &[&str] = &[
    "crc32-base62-tail",
    "jwt",
    "base64-64-bytes",
    "basic-auth",
    "pem-base64-private",
];

/// Run the named validator on the secret. Unknown names are rejected when rules load.
pub fn check(name: &str, secret: &[u8]) -> bool {
    match name {
        "crc32-base62-tail" => github_checksum_ok(secret),
        "jwt" => jwt_ok(secret),
        "base64-64-bytes" => base64_len_ok(secret, 64),
        "basic-auth" => basic_auth_ok(secret),
        "pem-base64-private" => pem_base64_private(secret),
        _ => false,
    }
}

/// IEEE CRC-32 (the zlib one), table built at compile time.
pub fn crc32(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut t = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            t[i] = c;
            i += 1;
        }
        t
    };
    let mut crc = !0u32;
    for &b in bytes {
        crc = TABLE[((crc ^ b as u32) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

/// Base62 (0-9A-Za-z) of a CRC32, left-padded with `0` to 6 characters.
pub fn base62_crc32(mut n: u32) -> String {
    const DIGITS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut buf = [b'0'; 6];
    let mut i = 6;
    while n > 0 && i > 0 {
        i -= 1;
        buf[i] = DIGITS[(n % 62) as usize];
        n /= 62;
    }
    String::from_utf8_lossy(&buf).into_owned()
}

/// GitHub-style tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `npm_`): 30 random base62
/// characters followed by the base62 CRC32 of those 30 characters.
pub fn github_checksum_ok(token: &[u8]) -> bool {
    if token.len() < 36 {
        return false;
    }
    let tail = &token[token.len() - 36..];
    let (body, sum) = tail.split_at(30);
    base62_crc32(crc32(body)).as_bytes() == sum
}

/// A JWT: the header decodes to a JSON object with an `alg`, and the payload to JSON.
pub fn jwt_ok(token: &[u8]) -> bool {
    let mut parts = token.split(|&b| b == b'.');
    let (Some(h), Some(p)) = (parts.next(), parts.next()) else {
        return false;
    };
    let decode_json = |part: &[u8]| -> Option<serde_json::Value> {
        let trimmed: Vec<u8> = part.iter().copied().filter(|&b| b != b'=').collect();
        let raw = URL_SAFE_NO_PAD.decode(trimmed).ok()?;
        serde_json::from_slice(&raw).ok()
    };
    match (decode_json(h), decode_json(p)) {
        (Some(header), Some(payload)) => {
            header.get("alg").is_some_and(|a| a.is_string()) && payload.is_object()
        }
        _ => false,
    }
}

/// Standard base64 that decodes to exactly `n` bytes (Azure storage account keys: 64).
fn base64_len_ok(s: &[u8], n: usize) -> bool {
    STANDARD.decode(s).is_ok_and(|v| v.len() == n)
}

/// HTTP Basic credentials: base64 of `user:password` with a non-empty password.
/// Base64 whose start decodes to a PEM private key header (`-----BEGIN ... PRIVATE KEY`).
fn pem_base64_private(s: &[u8]) -> bool {
    let n = s.len().min(96) / 4 * 4;
    let Ok(raw) = STANDARD.decode(&s[..n]) else {
        return false;
    };
    raw.starts_with(b"-----BEGIN ") && raw.windows(11).any(|w| w == b"PRIVATE KEY")
}

fn basic_auth_ok(s: &[u8]) -> bool {
    let Ok(raw) = STANDARD.decode(s) else {
        return false;
    };
    let Ok(text) = std::str::from_utf8(&raw) else {
        return false;
    };
    match text.split_once(':') {
        Some((user, pw)) => {
            !user.is_empty()
                && pw.len() >= 3
                && text.chars().all(|c| !c.is_control())
                && !crate::filters::is_true_placeholder(pw.as_bytes())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_reference_value() {
        // The standard check value of CRC-32/ISO-HDLC.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(base62_crc32(0), "000000");
        assert_eq!(base62_crc32(61), "00000z");
        assert_eq!(base62_crc32(62), "000010");
    }

    #[test]
    fn github_checksum_detects_a_changed_character() {
        let body = "Q2w9Er7Ty4Ui1Op8As5Df3Gh6Jk0Lz";
        let good = format!("ghp_{body}{}", base62_crc32(crc32(body.as_bytes())));
        assert!(github_checksum_ok(good.as_bytes()));
        let mut bad = good.into_bytes();
        bad[10] = if bad[10] == b'a' { b'b' } else { b'a' };
        assert!(!github_checksum_ok(&bad));
        assert!(!github_checksum_ok(b"ghp_short"));
    }

    #[test]
    fn jwt_needs_alg_in_header() {
        let h = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
        let p = URL_SAFE_NO_PAD.encode(br#"{"sub":"1"}"#);
        assert!(jwt_ok(format!("{h}.{p}.c2lnbmF0dXJl").as_bytes()));
        let h2 = URL_SAFE_NO_PAD.encode(br#"{"typ":"JWT"}"#);
        assert!(!jwt_ok(format!("{h2}.{p}.c2ln").as_bytes()));
        assert!(!jwt_ok(b"eyJhbGciOi.broken.x"));
    }

    #[test]
    fn base64_and_basic_auth() {
        let key = STANDARD.encode([7u8; 64]);
        assert!(check("base64-64-bytes", key.as_bytes()));
        assert!(!check(
            "base64-64-bytes",
            STANDARD.encode([7u8; 32]).as_bytes()
        ));
        assert!(check(
            "basic-auth",
            STANDARD.encode("deploy:Wq8#zL2vR9").as_bytes()
        ));
        assert!(!check("basic-auth", STANDARD.encode("nocolon").as_bytes()));
        assert!(!check("nope", b"x"));
    }
}

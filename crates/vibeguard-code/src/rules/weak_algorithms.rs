//! Names of broken hash functions and ciphers, shared by the weak-hash and weak-crypto
//! rules of every language that names algorithms by string or module (`"md5"`,
//! `createCipheriv("des-ede3-cbc")`, `Crypto.Cipher.ARC4`, `algorithms.TripleDES`).

/// MD5, SHA-1 and older: collisions are practical (`md5`, `SHA1`, `sha-1`, `md4`).
pub fn weak_hash(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "md5" | "md4" | "md2" | "sha1" | "sha-1" | "sha"
    )
}

/// DES and 3DES, RC2, RC4, Blowfish, IDEA, CAST, SEED, XOR "ciphers", and any cipher in
/// ECB mode: by algorithm name (`des-ede3-cbc`, `rc4`, `bf-cbc`), module or class
/// (`DES3`, `ARC4`, `TripleDES`, `CAST5`) or mode (`aes-128-ecb`, `MODE_ECB`).
pub fn weak_cipher(name: &str) -> bool {
    let a = name.to_ascii_lowercase();
    [
        "des",
        "tripledes",
        "rc2",
        "rc4",
        "arc2",
        "arc4",
        "bf",
        "blowfish",
        "idea",
        "cast",
        "seed",
        "xor",
    ]
    .iter()
    .any(|p| a.starts_with(p))
        || a.ends_with("-ecb")
        || a == "ecb"
        || a == "mode_ecb"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_hashes() {
        for n in ["md5", "MD5", "sha1", "SHA-1", "md4"] {
            assert!(weak_hash(n), "{n}");
        }
        for n in ["sha256", "sha3_256", "blake2b", "SHA512"] {
            assert!(!weak_hash(n), "{n}");
        }
    }

    #[test]
    fn broken_ciphers() {
        for n in [
            "des-ede3-cbc",
            "DES3",
            "rc4",
            "ARC4",
            "bf-cbc",
            "TripleDES",
            "CAST5",
            "aes-128-ecb",
            "MODE_ECB",
        ] {
            assert!(weak_cipher(n), "{n}");
        }
        for n in [
            "aes-256-gcm",
            "AES",
            "chacha20-poly1305",
            "ChaCha20",
            "Camellia",
            "aes-256-cbc",
        ] {
            assert!(!weak_cipher(n), "{n}");
        }
    }
}

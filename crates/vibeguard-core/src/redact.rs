//! Redaction: the one place that decides how much of a secret may be shown.

/// Keep a short prefix (provider prefixes like `ghp_` help a reader) and the last two
/// characters of long values; mask the rest. Short values are fully masked.
pub fn redact(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    let n = chars.len();
    if n < 12 {
        return "*".repeat(n.clamp(3, 8));
    }
    let keep_front = (n / 6).min(6);
    let front: String = chars[..keep_front].iter().collect();
    let back: String = chars[n - 2..].iter().collect();
    format!("{front}{}{back}", "*".repeat((n - keep_front - 2).min(16)))
}

/// Replace every occurrence of `secret` in `text` with its redacted form.
pub fn redact_in(text: &str, secret: &str) -> String {
    if secret.is_empty() {
        return text.to_string();
    }
    text.replace(secret, &redact(secret))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_hides_the_middle() {
        let r = redact("ghp_0123456789abcdefghijABCDEFGHIJ012345");
        assert!(r.starts_with("ghp_"));
        assert!(!r.contains("0123456789abcdef"));
        assert_eq!(redact("hunter2"), "*******");
        assert_eq!(
            redact_in("pw = 'supersecretvalue1'", "supersecretvalue1"),
            format!("pw = '{}'", redact("supersecretvalue1"))
        );
    }
}

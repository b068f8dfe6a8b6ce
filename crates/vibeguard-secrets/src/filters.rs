//! False-positive filters: values that have a secret's shape but are not secrets.
//!
//! Two strengths. Provider formats are specific enough that only obvious fakes are
//! dropped (documentation markers, runs of one character, counting sequences). Free-form
//! values (generic assignments, passwords in URLs) must also not be placeholders,
//! variable references, paths, words or hashes.

use crate::entropy::{Classes, shannon};

/// Markers of documentation or template values (lowercase substrings).
const FAKE_MARKERS: &[&str] = &[
    "example",
    "sample",
    "dummy",
    "placeholder",
    "changeme",
    "change_me",
    "change-me",
    "changeit",
    "redacted",
    "xxxx",
    "****",
    "....",
    "your_",
    "your-",
    "yourkey",
    "yourtoken",
    "yoursecret",
    "yourpassword",
    "<your",
    "insert",
    "replace",
    "notreal",
    "not_real",
    "not-a-real",
    "fakekey",
    "fake_",
    "fake-",
    "place_holder",
];

/// Whole values that are words people type where a secret would go.
const PLACEHOLDER_WORDS: &[&str] = &[
    "password",
    "passwd",
    "pass",
    "pwd",
    "secret",
    "secrets",
    "token",
    "apikey",
    "api_key",
    "key",
    "changeme",
    "changeit",
    "test",
    "testing",
    "tests",
    "example",
    "default",
    "none",
    "null",
    "nil",
    "undefined",
    "true",
    "false",
    "yes",
    "no",
    "on",
    "off",
    "empty",
    "string",
    "str",
    "value",
    "hidden",
    "masked",
    "required",
    "optional",
    "foo",
    "bar",
    "foobar",
    "baz",
    "demo",
    "admin",
    "root",
    "user",
    "guest",
    "postgres",
    "mysql",
    "redis",
    "secret123",
    "password123",
    "password1",
    "mypassword",
    "mysecretpassword",
    "supersecret",
    "topsecret",
    "letmein",
    "qwerty",
    "qwerty123",
    "abc123",
    "hunter2",
    "bearer",
    "basic",
    "private",
    "public",
    "auth",
    "todo",
    "tbd",
    "n/a",
    "na",
];

/// Obvious fakes, applied to every rule (provider formats included).
pub fn is_obvious_fake(v: &[u8]) -> bool {
    if v.is_empty() {
        return true;
    }
    if contains_ci(v, b"example") || contains_ci(v, b"xxxxx") || contains_ci(v, b"*****") {
        return true;
    }
    longest_run(v) >= 6 || longest_sequence(v) >= 7 || is_low_variety(v)
}

/// A value whose distinct characters are so few that it cannot be random (`abababab...`).
fn is_low_variety(v: &[u8]) -> bool {
    if v.len() < 16 {
        return false;
    }
    let mut seen = [false; 256];
    let mut distinct = 0;
    for &b in v {
        if !seen[b as usize] {
            seen[b as usize] = true;
            distinct += 1;
        }
    }
    distinct <= 3
}

/// Placeholders and references for free-form values: the strict filter.
pub fn is_placeholder(v: &[u8]) -> bool {
    if is_obvious_fake(v) {
        return true;
    }
    let lower: Vec<u8> = v.iter().map(|b| b.to_ascii_lowercase()).collect();
    if FAKE_MARKERS.iter().any(|m| contains(&lower, m.as_bytes())) {
        return true;
    }
    // Word-only lookups: strip non-alphanumerics so `<password>` and `pass-word` match.
    let word = std::str::from_utf8(&lower).unwrap_or("");
    if PLACEHOLDER_WORDS.contains(&word)
        || PLACEHOLDER_WORDS.contains(&word.trim_matches(|c: char| !c.is_ascii_alphanumeric()))
    {
        return true;
    }
    is_reference(v) || longest_run(v) >= 4 || longest_sequence(v) >= 5
}

/// Template and variable references: `${X}`, `{{ x }}`, `%(x)s`, `$X`, `%X%`, `<x>`,
/// `#{x}`, `@X@`, env and config lookups.
pub fn is_reference(v: &[u8]) -> bool {
    const MARKS: &[&[u8]] = &[
        b"${",
        b"%[",
        b"{{",
        b"}}",
        b"%(",
        b"#{",
        b"$(",
        b"process.env",
        b"os.environ",
        b"getenv",
        b"env[",
        b"env(",
        b"env.",
        b"secrets.",
        b"vault:",
        b"config(",
        b"settings.",
        b"var(--",
        b"calc(",
        b"@microsoft.keyvault(",
    ];
    let lower: Vec<u8> = v.iter().map(|b| b.to_ascii_lowercase()).collect();
    if MARKS.iter().any(|m| contains(&lower, m)) {
        return true;
    }
    // printf-style templates (`"%s"`, `"user:%s"`), but not a random value that happens
    // to contain `%s`.
    if contains(v, b"%s") && (v.len() <= 16 && shannon(v) < 3.5 || v.ends_with(b"%s")) {
        return true;
    }
    // An escaped variable (PowerShell `` `$Var ``, shell `\$VAR`) is still a reference.
    if v.len() > 2 && matches!(v[0], b'`' | b'\\') && v[1] == b'$' {
        return true;
    }
    let first = v[0];
    let last = v[v.len() - 1];
    (first == b'$' && v.len() > 1 && (v[1].is_ascii_alphabetic() || v[1] == b'_'))
        || (first == b'<' && last == b'>')
        || (first == b'%' && last == b'%')
        || (first == b'@' && last == b'@')
        || (first == b'[' && last == b']')
        || (first == b'{' && last == b'}')
        || (first == b'(' && last == b')')
}

/// Checks for a free-form value assigned to a secret-like name or used as a password:
/// returns `true` when the value is plausibly a real secret.
pub fn plausible_free_value(v: &[u8], min_len: usize, entropy_floor: f32, words_ok: bool) -> bool {
    if v.len() < min_len || v.len() > 1024 {
        return false;
    }
    if v.iter().any(|&b| b.is_ascii_control() && b != b' ') {
        return false;
    }
    let spaces = v.iter().filter(|&&b| b == b' ').count();
    // Generated salts (WordPress keys) contain spaces; prose does too, but with far less
    // entropy per character.
    if spaces > 0 && (v.len() < 24 || spaces * 10 > v.len() || shannon(v) < 4.6) {
        return false;
    }
    if is_placeholder(v) || looks_like_non_secret(v) {
        return false;
    }
    let classes = Classes::of(v);
    if !words_ok {
        // Tokens and keys are random: two classes at least, and not a readable slug.
        if classes.count() < 2 || is_slug(v) {
            return false;
        }
    } else if !(classes.digit || classes.other) && v.len() < 12 {
        // Passwords may be human-made, but a short word of letters only (`Integer`,
        // `admin`) is a label or a type.
        return false;
    }
    shannon(v) >= entropy_floor
}

/// A key block body (between BEGIN and END lines): real keys have plenty of base64, and
/// documentation elides with `...`, `<key>` or `xxxx`.
pub fn plausible_block(body: &[u8]) -> bool {
    let b64 = body
        .iter()
        .filter(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
        .count();
    let lower: Vec<u8> = body.iter().map(|b| b.to_ascii_lowercase()).collect();
    // Code between the armor lines (`"-----BEGIN ...\n" . wordwrap($key) . "..."`) is a
    // key being assembled at run time, not a key.
    b64 >= 64
        && !body.iter().any(|&b| matches!(b, b'$' | b'(' | b')' | b';'))
        && !contains(&lower, b"...")
        && !contains(&lower, "…".as_bytes())
        && !contains(&lower, b"xxxx")
        && !contains(&lower, b"<")
        && !contains(&lower, b"%[")
        && !contains(&lower, b"example")
        && !contains(&lower, b"your")
}

/// A match that points at a documentation-only host (RFC 2606 / RFC 6761 names).
pub fn mentions_documentation_host(whole: &[u8]) -> bool {
    let lower: Vec<u8> = whole.iter().map(|b| b.to_ascii_lowercase()).collect();
    [
        &b"@example.com"[..],
        b"@example.org",
        b"@example.net",
        b".example.com",
        b".example.org",
        b"@example/",
        b".invalid",
        b"@host.test",
    ]
    .iter()
    .any(|d| contains(&lower, d))
}

/// Shapes that are never secrets: URLs without credentials, paths, file names, UUIDs,
/// integrity hashes, base64 images, dotted identifiers, constant names.
pub fn looks_like_non_secret(v: &[u8]) -> bool {
    let lower: Vec<u8> = v.iter().map(|b| b.to_ascii_lowercase()).collect();
    const PREFIXES: &[&[u8]] = &[
        b"http://",
        b"https://",
        b"file:",
        b"data:",
        b"sha1-",
        b"sha256-",
        b"sha384-",
        b"sha512-",
        b"md5-",
        b"./",
        b"../",
        b"~/",
        b"classpath:",
        b"arn:aws",
        b"urn:",
    ];
    if PREFIXES.iter().any(|p| lower.starts_with(p)) || contains(&lower, b"://") {
        return true;
    }
    // `texthash:/etc/postfix/sasl_passwd`, `@/dev/stdin`: a typed path or a file reference.
    if contains(&lower, b":/") || lower.starts_with(b"@/") || lower.starts_with(b"@.") {
        return true;
    }
    // `iam:ChangePassword`, `secretsmanager:GetSecretValue`: a service action name.
    if let Some(c) = v.iter().position(|&b| b == b':')
        && c > 1
        && v[..c]
            .iter()
            .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && v.get(c + 1).is_some_and(|b| b.is_ascii_uppercase())
        && v[c + 1..].iter().all(|b| b.is_ascii_alphanumeric())
    {
        return true;
    }
    // Object identifiers and version numbers: `1.3.6.1.4.1.4203.1.11.1`.
    if v.iter().filter(|&&b| b == b'.').count() >= 2
        && v.iter().all(|&b| b.is_ascii_digit() || b == b'.')
    {
        return true;
    }
    if is_django_hash(v) {
        return true;
    }
    // Truncated documentation values (`9cbaf023786cd7..`) and string-concatenation
    // leftovers (`'.$config['`).
    if lower.ends_with(b"..")
        || v.len() > 1 && matches!(v[0], b'.' | b'+') && matches!(v[1], b'$' | b' ')
        || lower.starts_with(b"::")
    {
        return true;
    }
    // Absolute paths: `/etc/ssl/key.pem`, but not a base64 value that starts with `/`.
    if v[0] == b'/' && v.iter().filter(|&&b| b == b'/').count() >= 2 && !v.contains(&b'+') {
        return true;
    }
    if v.len() > 2 && v[1] == b':' && (v[2] == b'\\' || v[2] == b'/') {
        return true;
    }
    const FILE_EXTS: &[&[u8]] = &[
        b".pem",
        b".key",
        b".json",
        b".txt",
        b".p12",
        b".pfx",
        b".crt",
        b".cer",
        b".yaml",
        b".yml",
        b".env",
        b".jks",
        b".keystore",
        b".der",
        b".pub",
        b".ini",
        b".conf",
        b".cfg",
        b".toml",
        b".xml",
        b".html",
        b".js",
        b".py",
        b".gpg",
        b".asc",
    ];
    if FILE_EXTS.iter().any(|e| lower.ends_with(e)) {
        return true;
    }
    if is_uuid(v) || is_host_port(v) {
        return true;
    }
    // Escaped byte strings (`\x9b\x2f...`) are test vectors, not configuration.
    if memchr::memmem::find_iter(v, b"\\x").count() >= 4 {
        return true;
    }
    // Password hashes (bcrypt, md5-crypt, sha-crypt, argon2): not usable as credentials.
    const HASH_PREFIXES: &[&[u8]] = &[
        b"$2a$",
        b"$2b$",
        b"$2y$",
        b"$apr1$",
        b"$1$",
        b"$5$",
        b"$6$",
        b"$argon2",
        b"$pbkdf2",
        b"{ssha}",
        b"{sha}",
        b"pbkdf2_sha256$",
    ];
    if HASH_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    // Dotted paths of words: `EngineDefaults.Marker`, `IsTruncated.NextMarker`.
    if v.contains(&b'.')
        && v.split(|&b| b == b'.')
            .all(|seg| seg.len() >= 2 && seg.iter().all(|b| b.is_ascii_alphabetic()))
    {
        return true;
    }
    // Dotted module / class paths: `django.contrib.auth.hashers.PBKDF2PasswordHasher`.
    if v.iter().filter(|&&b| b == b'.').count() >= 2
        && v.split(|&b| b == b'.').all(|seg| {
            !seg.is_empty()
                && seg[0].is_ascii_alphabetic()
                && seg
                    .iter()
                    .all(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        })
    {
        return true;
    }
    // Labels that repeat what they are about (`InvalidTokenException`,
    // `no-password-required`, `accounts.password-reset`): a secret word and no digit.
    if !v.iter().any(|b| b.is_ascii_digit())
        && [
            "password",
            "passwd",
            "secret",
            "token",
            "credential",
            "apikey",
            "api_key",
            "api-key",
        ]
        .iter()
        .any(|w| contains(&lower, w.as_bytes()))
    {
        return true;
    }
    // CamelCase identifiers made only of letters: `SetSecurityTokenServicePreferences`,
    // `tagResourceAuthorization`, PowerShell cmdlets: `ConvertTo-SecureString`.
    if v.len() >= 8
        && v.iter().all(|b| b.is_ascii_alphabetic() || *b == b'-')
        && v[0].is_ascii_alphabetic()
        && v.windows(2)
            .filter(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
            .count()
            >= 1
        && v.windows(2)
            .all(|w| !(w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase()))
    {
        return true;
    }
    // CONSTANT_NAMES and dotted.identifiers are names, not values.
    if v.iter()
        .all(|&b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
        && (v.contains(&b'_') || v.contains(&b'-'))
        && v.iter().filter(|b| b.is_ascii_uppercase()).count() >= 4
        && !looks_random_upper(v)
    {
        return true;
    }
    if v.iter()
        .all(|&b| b.is_ascii_lowercase() || b == b'.' || b == b'_')
        && v.contains(&b'.')
    {
        return true;
    }
    false
}

/// Upper-case values that are random (license keys, AWS-style ids) rather than names:
/// long runs of letters and digits mixed without separators.
fn looks_random_upper(v: &[u8]) -> bool {
    v.split(|&b| b == b'_' || b == b'-').any(|seg| {
        seg.len() >= 12
            && seg.iter().any(|b| b.is_ascii_digit())
            && seg.iter().any(|b| b.is_ascii_uppercase())
    })
}

/// A readable slug: lowercase words joined by `-` or `_` (maybe with a version number),
/// like `my-app-secret` or `session_cookie_v2`.
pub fn is_slug(v: &[u8]) -> bool {
    let seps = v.iter().filter(|&&b| b == b'-' || b == b'_').count();
    if seps == 0 {
        return false;
    }
    let letters = v.iter().filter(|b| b.is_ascii_lowercase()).count();
    v.iter()
        .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && letters * 10 >= v.len() * 7
}

/// `127.0.0.1:1081`, `localhost:8080`, `10.0.0.5`: an address, not a credential.
fn is_host_port(v: &[u8]) -> bool {
    let host = match v.iter().rposition(|&b| b == b':') {
        Some(i) if v[i + 1..].iter().all(|b| b.is_ascii_digit()) && i + 1 < v.len() => &v[..i],
        _ => v,
    };
    let ipv4 = host.split(|&b| b == b'.').count() == 4
        && host
            .split(|&b| b == b'.')
            .all(|p| !p.is_empty() && p.len() <= 3 && p.iter().all(|b| b.is_ascii_digit()));
    ipv4 || host.len() < v.len() && host.eq_ignore_ascii_case(b"localhost")
}

pub fn is_uuid(v: &[u8]) -> bool {
    if v.len() != 36 {
        return false;
    }
    v.iter().enumerate().all(|(i, &b)| match i {
        8 | 13 | 18 | 23 => b == b'-',
        _ => b.is_ascii_hexdigit(),
    })
}

/// Longest run of one repeated character.
pub fn longest_run(v: &[u8]) -> usize {
    let mut best = 0;
    let mut cur = 0;
    let mut prev = None;
    for &b in v {
        if Some(b) == prev {
            cur += 1;
        } else {
            cur = 1;
            prev = Some(b);
        }
        best = best.max(cur);
    }
    best
}

/// Longest run of consecutive ascending or descending alphanumerics (`abcdef`, `54321`),
/// also across interleaved positions (`A1B2C3D4E5`).
pub fn longest_sequence(v: &[u8]) -> usize {
    let even: Vec<u8> = v.iter().step_by(2).copied().collect();
    let odd: Vec<u8> = v.iter().skip(1).step_by(2).copied().collect();
    let interleaved = longest_plain_sequence(&even).min(longest_plain_sequence(&odd));
    longest_plain_sequence(v).max(if interleaved >= 4 { interleaved + 1 } else { 0 })
}

fn longest_plain_sequence(v: &[u8]) -> usize {
    let mut best = 1;
    let mut up = 1;
    let mut down = 1;
    for w in v.windows(2) {
        let (a, b) = (w[0], w[1]);
        let alnum = a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric();
        up = if alnum && b == a.wrapping_add(1) {
            up + 1
        } else {
            1
        };
        down = if alnum && a == b.wrapping_add(1) {
            down + 1
        } else {
            1
        };
        best = best.max(up).max(down);
    }
    best
}

pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(hay, needle).is_some()
}

fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// How a value in a password position is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    /// Not a credential: empty, a reference, a placeholder, a type, a path, prose.
    Placeholder,
    /// A real but weak or default credential (`admin123`, `changeit`, `guest`, `harbor12345`):
    /// still a hard-coded credential (CWE-798, CWE-1392), reported at lower severity.
    Weak,
    /// A credential that passes the strict free-value filter.
    Strong,
    /// A value the hand-written filters cannot call either way: the field's own name
    /// (`password: "password"`), a counting sequence (`123456`). Labels and form defaults
    /// as often as real test or default credentials; the learned scorer decides from the
    /// context.
    Soft,
}

/// Words that name the field itself: as the whole value they label a field as often as
/// they set a (weak) credential.
const FIELD_WORDS: &[&str] = &[
    "password",
    "passwd",
    "pass",
    "pwd",
    "pw",
    "passphrase",
    "secret",
    "secrets",
    "token",
    "apikey",
    "api_key",
    "key",
    "secret_key",
    "secretkey",
    "passw0rd",
    "auth",
];

/// Values that say "no value here" rather than being one: the names of the thing itself,
/// types and language keywords. A password equal to one of these is a placeholder, not a
/// weak password (`password: "password"` labels a field far more often than it sets one).
const NOT_A_VALUE: &[&str] = &[
    "password",
    "passwd",
    "pass",
    "pwd",
    "pw",
    "passphrase",
    "secret",
    "secrets",
    "token",
    "apikey",
    "api_key",
    "key",
    "none",
    "null",
    "nil",
    "undefined",
    "true",
    "false",
    "yes",
    "no",
    "on",
    "off",
    "empty",
    "string",
    "str",
    "int",
    "bool",
    "boolean",
    "number",
    "object",
    "any",
    "char",
    "bytes",
    "text",
    "value",
    "hidden",
    "masked",
    "required",
    "optional",
    "todo",
    "tbd",
    "n/a",
    "na",
    "bearer",
    "basic",
    "private",
    "public",
    "auth",
    "default",
    "function",
    "symbol",
    "bigint",
    "ignored",
    "unused",
    "secret_key",
    "secretkey",
    "passw0rd",
    "example",
    "redacted",
    "omitted",
    "unset",
    "notset",
    "not_set",
    "dummy",
    "placeholder",
];

/// The markers of a true placeholder: a value nobody would use, written to be replaced.
const PLACEHOLDER_MARKERS: &[&str] = &[
    "example",
    "sample",
    "placeholder",
    "redacted",
    "xxx",
    "***",
    "...",
    "…",
    "your_",
    "your-",
    "yourpass",
    "yoursecret",
    "yourkey",
    "yourtoken",
    "<your",
    "insert",
    "replace_",
    "replace-",
    "replaceme",
    "place_holder",
    "_here",
    "-here",
    "fill_in",
    "fillme",
];

/// A true placeholder: empty, a reference to the environment, a template or a secret
/// store, `<your-password>`, runs of `x` or `*`, the field's own name, a type or keyword.
pub fn is_true_placeholder(v: &[u8]) -> bool {
    if v.is_empty() || is_reference(v) {
        return true;
    }
    let lower: Vec<u8> = v.iter().map(|b| b.to_ascii_lowercase()).collect();
    if PLACEHOLDER_MARKERS
        .iter()
        .any(|m| contains(&lower, m.as_bytes()))
    {
        return true;
    }
    let word = std::str::from_utf8(&lower).unwrap_or("");
    let bare = word.trim_matches(|c: char| "<>[]{}()\"'`,;:.".contains(c));
    if NOT_A_VALUE.contains(&word) || NOT_A_VALUE.contains(&bare) {
        return true;
    }
    // One character repeated (`xxxxxxxx`, `********`, `000000`).
    longest_run(v) == v.len() || longest_run(v) >= 6
}

/// Judge a value found in a password position (a password-named assignment, a SQL
/// `IDENTIFIED BY`, the password part of a URL or of HTTP Basic credentials).
pub fn password_strength(v: &[u8], strong_min_len: usize) -> Strength {
    // Words in another script (`'密码'`, "password" in Chinese) are labels in examples.
    // Nor are English contractions (`don't`): prose caught in a value position.
    if !v.iter().any(|b| b.is_ascii_alphanumeric()) || is_contraction(v) {
        return Strength::Placeholder;
    }
    // A UUID where a password goes is an API key used as one (Heroku in .netrc).
    if is_uuid(v) {
        return Strength::Strong;
    }
    if plausible_free_value(v, strong_min_len, 0.0, true) {
        // A short value of one or two character classes is a dictionary word with digits
        // (`welcome1`, `admin123`): reported, but as weak.
        let classes = Classes::of(v).count();
        return if classes >= 3 || v.len() >= 12 {
            Strength::Strong
        } else {
            Strength::Weak
        };
    }
    if v.len() < 4 || v.len() > 256 || v.iter().any(|&b| b.is_ascii_control()) {
        return Strength::Placeholder;
    }
    // Prose (`Enter your password`, `Open-Source Full-Stack Solution`): people do not put
    // spaces in the passwords they write into code.
    if v.contains(&b' ') {
        return Strength::Placeholder;
    }
    // `Password` capitalised is a UI label; `password` in lower case also a test value.
    if FIELD_WORDS.iter().any(|w| v == w.as_bytes()) || is_field_label(v) {
        return Strength::Soft;
    }
    if is_true_placeholder(v) || looks_like_non_secret_weak(v) {
        return Strength::Placeholder;
    }
    if is_counting(v) {
        return Strength::Soft;
    }
    // A single word that names a type or a variable (`Integer`, `userPassword`) and
    // printf-style leftovers stay quiet; plain words and digits are weak passwords.
    if v.iter()
        .any(|&b| matches!(b, b'(' | b')' | b'{' | b'}' | b'[' | b']' | b'\\'))
    {
        return Strength::Placeholder;
    }
    Strength::Weak
}

/// A short lowercase value of words joined around the field's own word (`test-password`,
/// `invalid_password`, `private_pass`, `rally-password`): a label in one place, the test
/// credential itself in another. (Without a separator, `rootpass` and `mypassword` are
/// plain weak passwords.)
fn is_field_label(v: &[u8]) -> bool {
    let lower: Vec<u8> = v.iter().map(|b| b.to_ascii_lowercase()).collect();
    v.len() <= 32
        && v.iter().any(|&b| matches!(b, b'-' | b'_'))
        && v.iter()
            .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_'))
        && ["pass", "pwd", "secret", "token"]
            .iter()
            .any(|w| contains(&lower, w.as_bytes()))
}

/// The account names products ship with (`admin`, `root`, `guest`): as the whole value of
/// a password field they mark a documented default or a form field far more often than a
/// chosen credential, so only their use in a URL or Basic header (`admin:admin@`) counts.
pub fn is_account_word(v: &[u8]) -> bool {
    [
        "admin",
        "root",
        "guest",
        "test",
        "user",
        "demo",
        "administrator",
        "sa",
    ]
    .iter()
    .any(|w| v.eq_ignore_ascii_case(w.as_bytes()))
}

/// `123456`, `654321`, `abcdef`, `12345abcde`: counting, with at most one break; what
/// documentation writes where a password goes.
fn is_counting(v: &[u8]) -> bool {
    let breaks = v
        .windows(2)
        .filter(|w| w[1] != w[0].wrapping_add(1) && w[0] != w[1].wrapping_add(1))
        .count();
    v.len() >= 4 && breaks <= usize::from(v.len() >= 8)
}

/// The non-secret shapes that also rule out a weak password: `looks_like_non_secret`
/// minus the checks that only say "too simple for a random secret". A lowercase word
/// with a secret word in it (`supersecret`, `mypassword`) is a weak password; the same
/// word with separators or humps (`no-password-required`, `InvalidPasswordError`) is a
/// label; a short CamelCase value (`sonarPass`) is a password, a long one
/// (`GetPasswordData`) an identifier.
fn looks_like_non_secret_weak(v: &[u8]) -> bool {
    if !looks_like_non_secret(v) {
        return false;
    }
    let humps = v
        .windows(2)
        .filter(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
        .count();
    let letters_only = v.iter().all(|b| b.is_ascii_alphabetic());
    let separated = v.iter().any(|&b| matches!(b, b'-' | b'_' | b'.' | b' '));
    if looks_like_non_secret_shape(v) {
        return true;
    }
    // Labels and identifiers are words and separators: `Password!`, `P@ssw0rd`,
    // `is!realPassword?` are passwords someone typed.
    if v.iter()
        .any(|&b| !b.is_ascii_alphanumeric() && !matches!(b, b'-' | b'_' | b'.' | b' ' | b':'))
    {
        return false;
    }
    if letters_only && !separated && (humps == 0 || humps == 1 && v.len() < 12) {
        return false;
    }
    true
}

/// The shape checks of `looks_like_non_secret` that rule out any credential: URLs,
/// typed paths, absolute paths, UUIDs, addresses, password hashes, dotted paths.
fn looks_like_non_secret_shape(v: &[u8]) -> bool {
    let lower: Vec<u8> = v.iter().map(|b| b.to_ascii_lowercase()).collect();
    contains(&lower, b"://")
        || contains(&lower, b":/")
        || v[0] == b'/' && v.iter().filter(|&&b| b == b'/').count() >= 2
        || is_uuid(v)
        || is_host_port(v)
        || [
            &b"$2a$"[..],
            b"$2b$",
            b"$2y$",
            b"$1$",
            b"$5$",
            b"$6$",
            b"$argon2",
            b"{ssha}",
        ]
        .iter()
        .any(|p| lower.starts_with(p))
        || v.iter().filter(|&&b| b == b'.').count() >= 2
        || lower.starts_with(b"@/")
        || lower.starts_with(b"@.")
        || is_django_hash(v)
}

/// Django-style password hashes: `sha1$salt$hash`, `pbkdf2_sha256$iterations$salt$hash`.
fn is_django_hash(v: &[u8]) -> bool {
    v.iter().position(|&b| b == b'$').is_some_and(|d| {
        d >= 3
            && v[..d]
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || b == b'_')
            && v[d + 1..].contains(&b'$')
    })
}

/// A value under a secret-like name that is not random enough to report on its own and
/// not a placeholder, reference, path, identifier or label either (`epzrjvxtumoc`,
/// `asdfasd223sd2`): only the learned scorer may keep it.
pub fn soft_free_value(v: &[u8]) -> bool {
    (8..=256).contains(&v.len())
        && v.iter().all(|b| b.is_ascii_graphic())
        && !is_placeholder(v)
        && !looks_like_non_secret(v)
        && (v.iter().any(|b| b.is_ascii_digit())
            || v.len() >= 10 && v.iter().all(|b| b.is_ascii_alphanumeric()))
}

/// A value under a name that only ends in key/salt/seed that may be key material though
/// not strictly random (lowercase hex, short mixed values): only the scorer may keep it.
pub fn soft_key_value(v: &[u8]) -> bool {
    let hex = v.len() >= 16 && v.iter().all(|b| b.is_ascii_hexdigit());
    let mixed = v.iter().any(|b| b.is_ascii_digit()) && v.iter().any(|b| b.is_ascii_alphabetic());
    // A list or a percent-encoded string (`bytes,1,opt,name=key` in a struct tag,
    // `%E2%9C%93`) is a descriptor or text, not a key.
    let descriptor = v.iter().any(|&b| matches!(b, b',' | b'%'));
    soft_free_value(v) && (hex || mixed) && !descriptor && !is_numbered_identifier(v)
}

/// An English contraction (`don't`, `can\'t`, `it's`): prose caught in a value position.
pub fn is_contraction(v: &[u8]) -> bool {
    let v: Vec<u8> = v.iter().copied().filter(|&b| b != b'\\').collect();
    let Some(q) = v.iter().position(|&b| b == b'\'') else {
        return false;
    };
    let (head, tail) = (&v[..q], &v[q + 1..]);
    !head.is_empty()
        && (1..=2).contains(&tail.len())
        && head.iter().all(|b| b.is_ascii_alphabetic())
        && tail.iter().all(|b| b.is_ascii_lowercase())
}

/// Words with a counter (`textField2`, `selectBoxes1`, `snapshotwithuserid0`): the
/// lookup key of a form field, a fixture row or a map entry, not key material. Every
/// camelCase word must hold a vowel, so consonant runs (`SwqFmsKxcbq23`) stay candidates.
pub fn is_numbered_identifier(v: &[u8]) -> bool {
    let letters = v.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let digits = &v[letters..];
    if letters < 4 || digits.len() > 3 || !digits.iter().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let word = &v[..letters];
    // Split before each upper-case letter that starts a lower-case run.
    let mut words: Vec<&[u8]> = Vec::new();
    let mut start = 0;
    for i in 1..word.len() {
        if word[i].is_ascii_uppercase() && word[i - 1].is_ascii_lowercase() {
            words.push(&word[start..i]);
            start = i;
        }
    }
    words.push(&word[start..]);
    words.iter().all(|w| {
        w.len() >= 2
            && w[1..].iter().all(|b| b.is_ascii_lowercase())
            && w.iter().any(|b| {
                matches!(
                    b.to_ascii_lowercase(),
                    b'a' | b'e' | b'i' | b'o' | b'u' | b'y'
                )
            })
    })
}

/// A value in a token/key position that is random without mixing character classes:
/// long lowercase or uppercase runs of letters and digits with high entropy
/// (`asdasdasifhueuiwyurfewbfjsdafjk`, base32 OTP seeds).
pub fn random_single_class(v: &[u8]) -> bool {
    let c = Classes::of(v);
    !(c.lower && c.upper)
        && v.len() >= 20
        && v.iter().all(|b| b.is_ascii_alphanumeric())
        && shannon(v) >= 3.6
        && !is_slug(v)
        && longest_run(v) < 4
        && longest_sequence(v) < 5
}

#[cfg(test)]
mod strength_tests {
    use super::*;

    #[test]
    fn contractions_are_prose() {
        for v in ["don't", "don\\'t", "it's", "we're"] {
            assert!(is_contraction(v.as_bytes()), "{v}");
            assert_eq!(
                password_strength(v.as_bytes(), 6),
                Strength::Placeholder,
                "{v}"
            );
        }
        for v in ["p'ssw0rd", "abc'defg", "'quoted'"] {
            assert!(!is_contraction(v.as_bytes()), "{v}");
        }
    }

    #[test]
    fn descriptors_are_not_soft_keys() {
        assert!(!soft_key_value(b"bytes,1,opt,name=key"));
        assert!(!soft_key_value(b"%E2%9C%93"));
        assert!(soft_key_value(b"8934e7d15453e97507ef794cf7b0519d"));
    }

    #[test]
    fn numbered_identifiers_are_not_key_material() {
        for v in [
            "textField2",
            "selectBoxes1",
            "strangesnapshotwithuserid0",
            "phoneNumber",
        ] {
            assert!(is_numbered_identifier(v.as_bytes()), "{v}");
        }
        for v in [
            "SwqFmsKxcbq23",
            "a8Fk2Lm9Qp3R",
            "textField2x",
            "abc1",
            "HTTPServer2",
        ] {
            assert!(!is_numbered_identifier(v.as_bytes()), "{v}");
        }
    }

    #[test]
    fn weak_passwords_are_reported_and_placeholders_are_not() {
        for v in [
            "admin123",
            "changeit",
            "welcome1",
            "guest",
            "Harbor12345",
            "zabbix",
            "root",
            "badpassword!",
        ] {
            assert_ne!(
                password_strength(v.as_bytes(), 6),
                Strength::Placeholder,
                "{v}"
            );
        }
        for v in [
            "",
            "${DB_PASSWORD}",
            "<your-password>",
            "xxxxxxxx",
            "********",
            "null",
            "Enter your password",
            "$PASSWORD",
            "{{ db_password }}",
        ] {
            assert_eq!(
                password_strength(v.as_bytes(), 6),
                Strength::Placeholder,
                "{v}"
            );
        }
        // The field's own word, labels built on it and counting: the scorer decides.
        for v in [
            "password",
            "no-password-required",
            "test-password",
            "123456",
        ] {
            assert_eq!(password_strength(v.as_bytes(), 6), Strength::Soft, "{v}");
        }
        assert_eq!(password_strength(b"Tq8#mZ2vLr9!xW4p", 6), Strength::Strong);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_recognised() {
        for v in [
            "xxxxxxxxxxxxxxxx",
            "changeme",
            "<your-api-key>",
            "${DB_PASSWORD}",
            "{{ vault_token }}",
            "%(password)s",
            "$SECRET_TOKEN",
            "your-key-here",
            "AKIAIOSFODNN7EXAMPLE",
            "abcdefgh12345678",
            "process.env.TOKEN",
        ] {
            assert!(is_placeholder(v.as_bytes()), "{v}");
        }
        assert!(!is_placeholder(b"Tq8#mZ2vLr9!xW4p"));
    }

    #[test]
    fn non_secret_shapes() {
        for v in [
            "https://api.example.com/v1",
            "/etc/ssl/private/server.key",
            "config/keys.json",
            "123e4567-e89b-12d3-a456-426614174000",
            "sha512-AbCdEf0123456789",
            "DATABASE_PASSWORD",
            "auth.errors.invalid_token",
        ] {
            assert!(looks_like_non_secret(v.as_bytes()), "{v}");
        }
        assert!(!looks_like_non_secret(b"Zr4!pQ9wLx2mVb7T"));
    }

    #[test]
    fn free_values_need_variety() {
        assert!(plausible_free_value(b"Zr4pQ9wLx2mVb7Tk", 12, 3.0, false));
        assert!(!plausible_free_value(b"my-session-secret", 12, 3.0, false));
        assert!(!plausible_free_value(b"get password", 6, 1.5, true));
        assert!(plausible_free_value(b"Summer2024!", 6, 2.0, true));
        assert!(!plausible_free_value(b"letters", 6, 1.5, true));
    }
}

//! Analyzer behaviour beyond single rules: policy (custom rules, disable, allow_values),
//! test-file confidence, redaction, locations, fingerprints, catalog invariants.

use std::collections::HashSet;
use vibeguard_core::policy::{CustomSecretRule, SecretsPolicy};
use vibeguard_core::{AnalyzeContext, Analyzer, Confidence, Finding, Severity, SourceFile};
use vibeguard_secrets::spec::catalog;
use vibeguard_secrets::template::expand;
use vibeguard_secrets::{SecretsAnalyzer, SecretsError};

fn scan(a: &SecretsAnalyzer, path: &str, text: &str) -> Vec<Finding> {
    let mut cx = AnalyzeContext::new(false);
    a.analyze(&SourceFile::new(path, text.as_bytes()), &mut cx);
    cx.findings
}

/// A format-valid, obviously synthetic GitHub token built at test time.
fn github_token() -> String {
    expand(&format!("{}_%[a62*30]%[crc6]", "ghp"), 42).unwrap()
}

#[test]
fn catalog_has_at_least_150_rules_with_unique_ids() {
    let rules = &catalog().rules;
    assert!(rules.len() >= 150, "only {} rules", rules.len());
    let mut seen = HashSet::new();
    for r in rules {
        assert!(seen.insert(r.id.clone()), "duplicate rule id {}", r.id);
        assert!(
            r.id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "rule id {} is not a lowercase slug",
            r.id
        );
        assert!(!r.keywords.is_empty(), "{} has no keywords", r.id);
        for k in &r.keywords {
            assert_eq!(k, &k.to_lowercase(), "{}: keyword {k} not lowercase", r.id);
        }
        assert!(!r.cwe.is_empty(), "{} has no CWE", r.id);
    }
    let analyzer = SecretsAnalyzer::builtin();
    let infos = analyzer.rules();
    assert_eq!(infos.len(), rules.len());
    for info in &infos {
        assert!(info.id.starts_with("secrets/"));
        let md = info.markdown();
        for heading in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Use instead",
        ] {
            assert!(md.contains(heading), "{}: no {heading}", info.id);
        }
        assert!(!info.doc.why.trim().is_empty(), "{}: empty why", info.id);
        assert!(
            !info.doc.use_instead.trim().is_empty(),
            "{}: empty use_instead",
            info.id
        );
        assert!(
            !info.doc.example.trim().is_empty(),
            "{}: empty example",
            info.id
        );
    }
}

#[test]
fn generated_documentation_does_not_trip_the_scanner() {
    let analyzer = SecretsAnalyzer::builtin();
    let docs: String = analyzer.rules().iter().map(|r| r.markdown()).collect();
    let findings = scan(&analyzer, "docs/rules.md", &docs);
    assert!(
        findings.is_empty(),
        "{:?}",
        findings
            .iter()
            .map(|f| (&f.rule_id, &f.snippet))
            .collect::<Vec<_>>()
    );
}

#[test]
fn documentation_example_is_redacted() {
    let analyzer = SecretsAnalyzer::only(&["github-pat"]).unwrap();
    let info = &analyzer.rules()[0];
    let raw = expand(
        &catalog()
            .rules
            .iter()
            .find(|r| r.id == "github-pat")
            .unwrap()
            .examples[0],
        vibeguard_secrets::template::seed_for("github-pat", 0),
    )
    .unwrap();
    let token = raw.split('=').nth(1).unwrap();
    assert!(!info.doc.example.contains(token), "{}", info.doc.example);
    assert!(info.doc.example.contains("ghp_"));
}

#[test]
fn finding_has_location_redacted_snippet_secret_and_fingerprint() {
    let token = github_token();
    let text = format!("# config\nimport os\nGITHUB = \"{token}\"\n");
    let findings = scan(&SecretsAnalyzer::builtin(), "app/settings.py", &text);
    assert_eq!(findings.len(), 1, "{findings:?}");
    let f = &findings[0];
    assert_eq!(f.rule_id, "secrets/github-pat");
    assert_eq!(f.severity, Severity::Critical);
    assert_eq!(f.confidence, Confidence::High);
    assert_eq!((f.location.line, f.location.column), (3, 11));
    assert_eq!(&text[f.location.byte_start..f.location.byte_end], token);
    assert_eq!(f.location.end_line, 3);
    assert!(
        !f.snippet.contains(&token),
        "snippet leaks the secret: {}",
        f.snippet
    );
    assert!(f.snippet.starts_with("GITHUB = \"ghp_"));
    let secret = f.secret.as_ref().unwrap();
    assert_eq!(secret.raw, token);
    assert!(!secret.redacted.contains(&token[8..30]));
    assert_eq!(
        f.fingerprint,
        Finding::fingerprint_for("secrets/github-pat", "app/settings.py", token.as_bytes())
    );
    // Moving the secret keeps the fingerprint.
    let moved = scan(
        &SecretsAnalyzer::builtin(),
        "app/settings.py",
        &format!("\n\n\n\nX = '{token}'"),
    );
    assert_eq!(moved[0].fingerprint, f.fingerprint);
    assert_eq!(moved[0].location.line, 5);
}

#[test]
fn long_lines_are_capped_in_the_snippet() {
    let token = github_token();
    let text = format!(
        "var a=\"{}\";var t=\"{token}\";{}",
        "x".repeat(5000),
        "y".repeat(5000)
    );
    let findings = scan(&SecretsAnalyzer::builtin(), "dist/app.min.js", &text);
    assert_eq!(findings.len(), 1);
    assert!(
        findings[0].snippet.len() < 400,
        "{}",
        findings[0].snippet.len()
    );
    assert!(!findings[0].snippet.contains(&token));
}

#[test]
fn provider_match_in_a_test_file_is_kept_with_lower_confidence() {
    let token = github_token();
    let text = format!("TOKEN = \"{token}\"\n");
    let prod = scan(&SecretsAnalyzer::builtin(), "src/client.py", &text);
    let test = scan(&SecretsAnalyzer::builtin(), "tests/test_client.py", &text);
    assert_eq!(prod.len(), 1);
    assert_eq!(
        test.len(),
        1,
        "a test file must not drop a provider-format secret"
    );
    assert_eq!(prod[0].confidence, Confidence::High);
    assert_eq!(test[0].confidence, Confidence::Medium);
}

#[test]
fn custom_rules_from_policy_are_loaded_and_validated() {
    let policy = SecretsPolicy {
        rules: vec![CustomSecretRule {
            id: "acme-token".into(),
            description: "ACME internal token".into(),
            regex: "acme_(?P<secret>[a-z0-9]{32})".into(),
            keywords: vec!["ACME_".into()],
            entropy: Some(3.0),
            severity: Some(Severity::Medium),
        }],
        ..SecretsPolicy::default()
    };
    let a = SecretsAnalyzer::new(&policy).unwrap();
    let value = expand("%[l36*32]", 9).unwrap();
    let f = scan(&a, "svc/conf.yaml", &format!("token: acme_{value}\n"));
    let custom: Vec<_> = f
        .iter()
        .filter(|f| f.rule_id == "secrets/acme-token")
        .collect();
    assert_eq!(custom.len(), 1, "{f:?}");
    assert_eq!(custom[0].severity, Severity::Medium);
    assert_eq!(custom[0].secret.as_ref().unwrap().raw, value);
    assert!(a.rules().iter().any(|r| r.id == "secrets/acme-token"));
    // The entropy floor applies to custom rules too.
    let low = scan(
        &a,
        "svc/conf.yaml",
        &format!("x: acme_{}\n", "ab".repeat(16)),
    );
    assert!(low.iter().all(|f| f.rule_id != "secrets/acme-token"));

    let bad = SecretsPolicy {
        rules: vec![CustomSecretRule {
            id: "broken".into(),
            description: "x".into(),
            regex: "acme_(".into(),
            keywords: vec![],
            entropy: None,
            severity: None,
        }],
        ..SecretsPolicy::default()
    };
    assert!(matches!(
        SecretsAnalyzer::new(&bad),
        Err(SecretsError::InvalidRegex { .. })
    ));

    let dup = SecretsPolicy {
        rules: vec![CustomSecretRule {
            id: "github-pat".into(),
            description: "x".into(),
            regex: "x(y)".into(),
            keywords: vec![],
            entropy: None,
            severity: None,
        }],
        ..SecretsPolicy::default()
    };
    assert!(matches!(
        SecretsAnalyzer::new(&dup),
        Err(SecretsError::DuplicateRule(_))
    ));
}

#[test]
fn custom_rule_without_keywords_scans_the_whole_file() {
    let policy = SecretsPolicy {
        rules: vec![CustomSecretRule {
            id: "corp/legacy-key".into(),
            description: "Legacy corp key".into(),
            regex: r"\bLK-([0-9]{12})\b".into(),
            keywords: vec![],
            entropy: None,
            severity: None,
        }],
        ..SecretsPolicy::default()
    };
    let a = SecretsAnalyzer::new(&policy).unwrap();
    let f = scan(&a, "a.txt", "one\ntwo LK-739201846315 three\n");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].rule_id, "corp/legacy-key");
    assert_eq!(f[0].location.line, 2);
}

#[test]
fn disable_list_removes_rules_and_rejects_unknown_ids() {
    let token = github_token();
    let text = format!("TOKEN = \"{token}\"\n");
    let policy = SecretsPolicy {
        disable: vec!["secrets/github-pat".into(), "generic-token".into()],
        ..SecretsPolicy::default()
    };
    let a = SecretsAnalyzer::new(&policy).unwrap();
    assert!(scan(&a, "a.py", &text).is_empty());
    assert!(a.rules().iter().all(|r| r.id != "secrets/github-pat"));
    let unknown = SecretsPolicy {
        disable: vec!["secrets/no-such-rule".into()],
        ..SecretsPolicy::default()
    };
    assert!(matches!(
        SecretsAnalyzer::new(&unknown),
        Err(SecretsError::UnknownRule(_))
    ));
    // The id the policy documentation uses exists.
    let doc_example = SecretsPolicy {
        disable: vec!["secrets/generic-password".into()],
        ..SecretsPolicy::default()
    };
    assert!(SecretsAnalyzer::new(&doc_example).is_ok());
}

#[test]
fn allow_values_suppress_exact_values() {
    let token = github_token();
    let text = format!("TOKEN = \"{token}\"\n");
    let policy = SecretsPolicy {
        allow_values: vec![token.clone()],
        ..SecretsPolicy::default()
    };
    assert!(scan(&SecretsAnalyzer::new(&policy).unwrap(), "a.py", &text).is_empty());
    assert_eq!(scan(&SecretsAnalyzer::builtin(), "a.py", &text).len(), 1);
}

#[test]
fn look_alikes_are_not_secrets() {
    let a = SecretsAnalyzer::builtin();
    let cases = [
        (
            "package-lock.json",
            r#""integrity": "sha512-Zr4pQ9wLx2mVb7TkJd3HZr4pQ9wLx2mVb7TkJd3HZr4pQ9wLx2mVb7TkJd3H==","#,
        ),
        ("app.py", "api_key = os.environ['API_KEY']"),
        ("app.js", "const token = process.env.GITHUB_TOKEN;"),
        (
            "App.java",
            "String password = System.getenv(\"DB_PASSWORD\");",
        ),
        ("app.rb", "secret = ENV['SECRET_KEY_BASE']"),
        ("app.go", "token := os.Getenv(\"TOKEN\")"),
        ("values.yaml", "password: {{ .Values.db.password }}"),
        ("settings.py", "SECRET_KEY = '%(secret_key)s'"),
        ("config.yaml", "api_key: <your-api-key>"),
        (".env.example", "API_KEY=your-key-here"),
        ("deploy.yml", "token: ${{ secrets.DEPLOY_TOKEN }}"),
        (
            "a.py",
            "request_id = '123e4567-e89b-12d3-a456-426614174000'",
        ),
        (
            "a.py",
            "commit = 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3'",
        ),
        (
            "a.html",
            "<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\">",
        ),
        ("a.py", "password = get_password()"),
        ("a.py", "password = 'xxxxxxxxxxxx'"),
        ("a.py", "AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE'"),
        ("a.py", "token = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaa'"),
        ("a.py", "api_key = 'abcdefghijklmnopqrstuvwxyz'"),
        ("a.py", "private_key_path = '/etc/ssl/private/server.key'"),
        ("a.py", "url = 'https://api.acme.io/v1/items'"),
        ("a.cfg", "password = <changeme>"),
        ("a.cfg", "password = ********"),
        ("a.cfg", "password = ${DB_PASSWORD}"),
        ("a.yaml", "password: password"),
        ("a.cfg", "password = null"),
        ("a.kt", "val password = prefs.getString(\"password\", \"\")"),
    ];
    for (path, line) in cases {
        let f = scan(&a, path, line);
        assert!(
            f.is_empty(),
            "{path}: {line:?} -> {:?}",
            f.iter().map(|f| &f.rule_id).collect::<Vec<_>>()
        );
    }
}

#[test]
fn generic_assignments_in_many_syntaxes() {
    let a = SecretsAnalyzer::builtin();
    let pw = expand("%[a62*10]#%[d*2]", 5).unwrap();
    let tok = expand("%[a62*32]", 6).unwrap();
    let cases = [
        ("a.py", format!("DB_PASSWORD = \"{pw}\"")),
        ("a.js", format!("const config = {{ password: '{pw}' }};")),
        ("a.go", format!("Password: \"{pw}\",")),
        ("a.rb", format!("password: '{pw}'")),
        ("a.php", format!("'password' => '{pw}',")),
        ("a.yaml", format!("  password: {pw}")),
        ("a.toml", format!("password = \"{pw}\"")),
        ("a.ini", format!("password={pw}")),
        ("app.properties", format!("spring.datasource.password={pw}")),
        (".env", format!("API_TOKEN={tok}")),
        ("a.json", format!("{{\"apiKey\": \"{tok}\"}}")),
        ("a.xml", format!("<secret>{tok}</secret>")),
        ("a.xml", format!("<connection password=\"{pw}\" />")),
        ("run.sh", format!("deploy --password={pw}")),
        (
            "a.py",
            format!("requests.get(url, headers={{'Authorization': 'Bearer {tok}'}})"),
        ),
        ("a.sh", format!("curl https://ci:{pw}@build.acme.io/api")),
        ("Dockerfile", format!("ENV API_TOKEN {tok}")),
        ("keys.h", format!("#define WIFI_PASSWORD \"{pw}\"")),
        (
            "keys.c",
            format!("static const char API_KEY[] = \"{tok}\";"),
        ),
        (
            "a.rb",
            format!("Net::HTTP.get(URI(\"https://api.acme.io/v1/items?key={tok}\"))"),
        ),
        (
            "a.java",
            format!("conn.setRequestProperty(\"Authorization\", \"Bearer {tok}\");"),
        ),
        (
            "schema.sql",
            format!("CREATE USER 'app'@'%' IDENTIFIED BY '{pw}';"),
        ),
        ("a.rs", format!("const DB_PASSWORD: &str = \"{pw}\";")),
        (
            "a.ts",
            format!("export const apiToken: string = \"{tok}\";"),
        ),
    ];
    for (path, line) in &cases {
        let f = scan(&a, path, line);
        assert_eq!(f.len(), 1, "{path}: {line:?} -> {f:?}");
        assert!(!f[0].snippet.contains(pw.as_str()) && !f[0].snippet.contains(tok.as_str()));
    }
}

#[test]
fn timing_is_recorded_only_when_requested() {
    let a = SecretsAnalyzer::builtin();
    let text = format!("TOKEN = \"{}\"\n", github_token());
    let mut off = AnalyzeContext::new(false);
    a.analyze(&SourceFile::new("a.py", text.as_bytes()), &mut off);
    assert!(off.rule_time.is_none());
    let mut on = AnalyzeContext::new(true);
    a.analyze(&SourceFile::new("a.py", text.as_bytes()), &mut on);
    assert!(on.rule_time.unwrap().contains_key("secrets/github-pat"));
}

#[test]
fn binary_and_invalid_utf8_input_does_not_panic() {
    let a = SecretsAnalyzer::builtin();
    let mut bytes = vec![0xff, 0xfe, b'p', b'a', b's', b's', b'=', 0xc3];
    bytes.extend_from_slice(
        b"\npassword = \"\xff\xfe\xfd\xfc\xfb\xfa\xf9\"\n-----BEGIN RSA PRIVATE KEY-----\xff",
    );
    let mut cx = AnalyzeContext::new(true);
    a.analyze(&SourceFile::new("blob.bin", &bytes), &mut cx);
    a.analyze(&SourceFile::new("empty", b""), &mut cx);
}

#[test]
fn overlapping_matches_keep_the_most_specific_rule() {
    let a = SecretsAnalyzer::builtin();
    let token = github_token();
    let f = scan(&a, "app.py", &format!("api_token = \"{token}\""));
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].rule_id, "secrets/github-pat");

    let id = expand(&format!("{}%[b32*16]", "AKIA"), 3).unwrap();
    let secret = expand("%[b64*40]", 4).unwrap();
    let text = format!("aws_access_key_id = {id}\naws_secret_access_key = {secret}\n");
    let f = scan(&a, "creds.ini", &text);
    let ids: Vec<&str> = f.iter().map(|f| f.rule_id.as_str()).collect();
    assert_eq!(ids, ["secrets/aws-access-key-pair"], "{f:?}");
    assert_eq!(f[0].secret.as_ref().unwrap().raw, secret);
    // The key id alone is still reported at its own, lower severity.
    let alone = scan(&a, "creds.ini", &format!("aws_access_key_id = {id}\n"));
    assert_eq!(alone.len(), 1);
    assert_eq!(alone[0].rule_id, "secrets/aws-access-key-id");
    assert!(alone[0].severity < f[0].severity);
}

/// Weak and default credentials are hard-coded credentials too (CWE-798, CWE-1392): they
/// are reported by `secrets/weak-credential`, at low severity in tests, examples and
/// documentation, and at the rule's own severity in code and configuration.
#[test]
fn weak_and_default_passwords_are_reported_at_their_severity() {
    use vibeguard_core::Severity;
    let a = SecretsAnalyzer::builtin();
    for (path, line) in [
        ("app.cfg", "password = changeme"),
        ("server.xml", r#"<Connector keystorePass="changeit" />"#),
        ("docker-compose.yml", "      MYSQL_ROOT_PASSWORD: welcome1"),
        ("src/db.py", "DB_PASSWORD = 'admin123'"),
        (
            "deploy/app.properties",
            "spring.datasource.password=harbor12345",
        ),
        ("init.sql", "CREATE USER app IDENTIFIED BY 'app2024';"),
        (
            "src/main.go",
            r#"db, _ := sql.Open("postgres", "host=db user=app password=apppass dbname=app")"#,
        ),
    ] {
        let f = scan(&a, path, line);
        assert_eq!(f.len(), 1, "{path}: {line:?} -> {f:?}");
        assert_eq!(f[0].rule_id, "secrets/weak-credential", "{line:?}");
        assert_eq!(f[0].severity, Severity::Medium, "{line:?}");
    }
    let f = scan(&a, "tests/test_login.py", "password = 'letmein99'");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].severity, Severity::Low);
    // A strong password keeps the generic rule and its severity.
    let f = scan(&a, "src/db.py", "DB_PASSWORD = 'Tq8#mZ2vLr9!xW4p'");
    assert_eq!(f[0].rule_id, "secrets/generic-password");
}

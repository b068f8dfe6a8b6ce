//! Facts several rule families share: which variable names hold secrets, which values
//! are placeholders rather than secrets, which images and ports are databases and caches.

/// Does an environment variable or setting named `name` hold a secret (`DB_PASSWORD`,
/// `STRIPE_SECRET_KEY`, `GITHUB_TOKEN`, `apiKey`)? Names that only describe a secret
/// (`PASSWORD_FILE`, `TOKEN_URL`, `SECRET_NAME`, `PASSWORD_MIN_LENGTH`) do not.
pub fn is_secret_name(name: &str) -> bool {
    let words = name_words(name);
    let Some(last) = words.last() else {
        return false;
    };
    const DESCRIBES: &[&str] = &[
        "file",
        "path",
        "dir",
        "name",
        "url",
        "uri",
        "endpoint",
        "host",
        "length",
        "len",
        "min",
        "max",
        "expiry",
        "expires",
        "ttl",
        "enabled",
        "enable",
        "disabled",
        "header",
        "type",
        "id",
        "ref",
        "arn",
        "mount",
        "version",
        "count",
        "policy",
        "rotation",
        "prefix",
        "env",
        "var",
        "location",
        "format",
        "algorithm",
        "alg",
        "field",
        "param",
        "provider",
        "store",
        "manager",
        "mode",
        "hint",
        "required",
        "user",
        "username",
        "login",
        "issuer",
    ];
    if DESCRIBES.contains(&last.as_str()) {
        return false;
    }
    const SECRET_LAST: &[&str] = &[
        "password",
        "passwd",
        "pass",
        "pwd",
        "secret",
        "token",
        "apikey",
        "credentials",
        "creds",
        "passphrase",
        "privatekey",
        "secretkey",
        "accesskey",
        "authkey",
        "sas",
        "connectionstring",
    ];
    if SECRET_LAST.contains(&last.as_str()) {
        // `PWD` alone is the working directory, `PASS` alone is ambiguous.
        return !(words.len() == 1 && matches!(last.as_str(), "pwd" | "pass"));
    }
    if last == "key" && words.len() >= 2 {
        let prev = words[words.len() - 2].as_str();
        return matches!(
            prev,
            "api"
                | "secret"
                | "private"
                | "access"
                | "encryption"
                | "signing"
                | "master"
                | "client"
                | "license"
                | "auth"
                | "session"
                | "app"
                | "account"
                | "service"
                | "jwt"
                | "hmac"
                | "webhook"
                | "stripe"
                | "openai"
                | "anthropic"
                | "sendgrid"
                | "mailgun"
                | "storage"
                | "shared"
                | "admin"
        );
    }
    if last == "base" && words.iter().any(|w| w == "secret") {
        return true;
    }
    false
}

/// The lower-case words of a name in any of `SNAKE_CASE`, `kebab-case`, `camelCase`,
/// `dotted.names`; `apiKey` gives `api`, `key`.
pub fn name_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for ch in name.chars() {
        if ch == '_' || ch == '-' || ch == '.' || ch == ' ' {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if ch.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        prev_lower = ch.is_ascii_lowercase() || ch.is_ascii_digit();
        cur.push(ch.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    // Fold the compound secret words written as one (`apikey`, `secretkey`).
    words
}

/// Is `value` a placeholder, a reference or empty rather than a literal secret:
/// `${DB_PASSWORD}`, `$(cat /run/secrets/x)`, `<your-token>`, `changeme-in-prod`?
/// Default passwords such as `postgres` or `changeme` are literals (and are reported).
pub fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() || v.len() < 3 {
        return true;
    }
    if v.starts_with('$') || v.contains("${") || v.contains("{{") || v.contains("$(") {
        return true;
    }
    if v.starts_with('<') && v.ends_with('>') || v.starts_with('[') && v.ends_with(']') {
        return true;
    }
    let l = v.to_ascii_lowercase();
    // Switches, not secrets (`MYSQL_ALLOW_EMPTY_PASSWORD: "yes"`).
    if matches!(
        l.as_str(),
        "yes" | "no" | "true" | "false" | "on" | "off" | "none" | "null"
    ) {
        return true;
    }
    // `example` as a word of the value (`example-token`, `my_example_key`), not inside a
    // longer run of letters and digits such as a documented sample key.
    if word_in(&l, "example") {
        return true;
    }
    const WORDS: &[&str] = &[
        "your",
        "replace",
        "placeholder",
        "xxxx",
        "****",
        "todo",
        "fixme",
        "dummy",
        "fake",
        "redacted",
        "insert",
        "<",
        "here",
        "sample",
        "not-a-real",
        "notreal",
        "change-me",
        "change_me",
        "changeme-",
        "changethis",
        "change-this",
    ];
    if WORDS.iter().any(|w| l.contains(w)) {
        return true;
    }
    if l.starts_with("/run/secrets/")
        || l.starts_with("file:")
        || l.starts_with("vault:")
        || l.starts_with("arn:aws:secretsmanager")
        || l.starts_with("ref+")
        || l.starts_with("op://")
        || l.starts_with("secretref:")
    {
        return true;
    }
    v.chars()
        .all(|c| c == 'x' || c == 'X' || c == '*' || c == '.' || c == '-')
}

/// Does `word` appear in `text` with no letter or digit right before or after it?
fn word_in(text: &str, word: &str) -> bool {
    let b = text.as_bytes();
    text.match_indices(word).any(|(i, _)| {
        let before = i.checked_sub(1).map(|j| b[j]);
        let after = b.get(i + word.len()).copied();
        !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

/// Passwords that ship as defaults in images, tutorials and generated code.
pub fn is_default_password(value: &str) -> bool {
    const DEFAULTS: &[&str] = &[
        "password",
        "passw0rd",
        "postgres",
        "root",
        "admin",
        "secret",
        "changeme",
        "change_me",
        "example",
        "guest",
        "mysql",
        "mongo",
        "redis",
        "123456",
        "12345678",
        "password123",
        "admin123",
        "pass",
        "test",
        "toor",
        "default",
        "letmein",
        "qwerty",
        "mysecretpassword",
        "rootpassword",
        "supersecret",
        "elastic",
        "rabbitmq",
        "user",
        "pwd",
        "sa",
        "demo",
        "dev",
    ];
    DEFAULTS.contains(&value.trim().to_ascii_lowercase().as_str())
}

/// A database, cache or broker image, by its repository name
/// (`bitnami/redis:7.2` -> `redis`).
pub fn datastore_of_image(image: &str) -> Option<&'static str> {
    let repo = image.split(['@']).next().unwrap_or(image);
    let repo = repo.rsplit('/').next().unwrap_or(repo);
    let name = repo.split(':').next().unwrap_or(repo).to_ascii_lowercase();
    const STORES: &[(&str, &str)] = &[
        ("redis", "redis"),
        ("redis-stack", "redis"),
        ("redis-stack-server", "redis"),
        ("valkey", "redis"),
        ("keydb", "redis"),
        ("postgres", "postgres"),
        ("postgresql", "postgres"),
        ("postgis", "postgres"),
        ("timescaledb", "postgres"),
        ("mysql", "mysql"),
        ("mariadb", "mysql"),
        ("percona", "mysql"),
        ("mongo", "mongo"),
        ("mongodb", "mongo"),
        ("mongodb-community-server", "mongo"),
        ("elasticsearch", "elasticsearch"),
        ("opensearch", "elasticsearch"),
        ("memcached", "memcached"),
        ("rabbitmq", "rabbitmq"),
        ("couchdb", "couchdb"),
        ("cassandra", "cassandra"),
        ("neo4j", "neo4j"),
        ("influxdb", "influxdb"),
        ("clickhouse-server", "clickhouse"),
        ("etcd", "etcd"),
        ("mssql", "mssql"),
        ("mssql-server", "mssql"),
        ("kafka", "kafka"),
        ("zookeeper", "zookeeper"),
        ("minio", "minio"),
    ];
    STORES.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

/// The datastore usually listening on `port`.
pub fn datastore_of_port(port: u32) -> Option<&'static str> {
    Some(match port {
        6379 | 6380 | 26379 => "redis",
        5432 | 5433 => "postgres",
        3306 => "mysql",
        27017..=27019 => "mongo",
        9200 | 9300 => "elasticsearch",
        11211 => "memcached",
        5672 | 15672 => "rabbitmq",
        5984 => "couchdb",
        9042 => "cassandra",
        7474 | 7687 => "neo4j",
        8086 => "influxdb",
        8123 => "clickhouse",
        2379 => "etcd",
        1433 => "mssql",
        9092 => "kafka",
        2181 => "zookeeper",
        1521 => "oracle",
        _ => return None,
    })
}

/// Remote administration ports.
pub fn admin_service_of_port(port: u32) -> Option<&'static str> {
    Some(match port {
        22 => "SSH",
        23 => "Telnet",
        3389 => "RDP",
        5900 => "VNC",
        5985 | 5986 => "WinRM",
        2375 | 2376 => "the Docker API",
        10250 => "the kubelet API",
        6443 => "the Kubernetes API",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names() {
        for n in [
            "DB_PASSWORD",
            "POSTGRES_PASSWORD",
            "JWT_SECRET",
            "GITHUB_TOKEN",
            "API_KEY",
            "apiKey",
            "STRIPE_SECRET_KEY",
            "AWS_SECRET_ACCESS_KEY",
            "SECRET_KEY_BASE",
            "client-secret",
            "NPM_AUTH_TOKEN",
            "PRIVATE_KEY",
            "password",
            "OPENAI_API_KEY",
            "MONGO_INITDB_ROOT_PASSWORD",
            "REDIS_PASSWORD",
        ] {
            assert!(is_secret_name(n), "{n}");
        }
        for n in [
            "POSTGRES_PASSWORD_FILE",
            "TOKEN_URL",
            "SECRET_NAME",
            "PASSWORD_MIN_LENGTH",
            "PWD",
            "NODE_ENV",
            "PORT",
            "AWS_ACCESS_KEY_ID",
            "PUBLIC_KEY",
            "KEY",
            "DB_USER",
            "SSH_KEY_PATH",
            "TOKEN_EXPIRY",
        ] {
            assert!(!is_secret_name(n), "{n}");
        }
    }

    #[test]
    fn placeholders_and_defaults() {
        for v in [
            "",
            "${DB_PASSWORD}",
            "$SECRET",
            "<token>",
            "your-api-key-here",
            "xxxxxxxx",
            "/run/secrets/db",
        ] {
            assert!(is_placeholder(v), "{v}");
        }
        for v in [
            "postgres",
            "s3cr3t-Pa55",
            "changeme",
            "wjalrxutnfemi/k7mdeng/bpxrficyexamplekey",
        ] {
            assert!(!is_placeholder(v), "{v}");
        }
        assert!(is_default_password("Postgres"));
        assert!(!is_default_password("k3Jx9vQ2"));
    }

    #[test]
    fn datastores() {
        assert_eq!(datastore_of_image("bitnami/redis:7.2"), Some("redis"));
        assert_eq!(
            datastore_of_image("docker.io/library/postgres:16-alpine"),
            Some("postgres")
        );
        assert_eq!(datastore_of_image("mongo@sha256:abc"), Some("mongo"));
        assert_eq!(datastore_of_image("node:20"), None);
        assert_eq!(datastore_of_port(6379), Some("redis"));
        assert_eq!(admin_service_of_port(22), Some("SSH"));
    }
}

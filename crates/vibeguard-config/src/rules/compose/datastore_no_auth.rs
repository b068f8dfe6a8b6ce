use super::{Service, services};
use crate::rule::{Check, File, Hit};
use crate::rules::common::{is_default_password, is_secret_name};
use vibeguard_core::Severity;

crate::config_rule! {
    /// ## What it does
    /// Flags databases, caches and brokers a Compose file starts without authentication
    /// or with a well-known password: Redis without `--requirepass` (or with
    /// `--protected-mode no`), `POSTGRES_HOST_AUTH_METHOD: trust`, MySQL/MariaDB with an
    /// empty root password allowed, MongoDB without a root user, Elasticsearch with
    /// security off, RabbitMQ on `guest`/`guest`, Neo4j with `NEO4J_AUTH: none`, and any
    /// password variable set to a default such as `postgres`, `root` or `changeme`.
    /// Severity is high when the service is also published on every interface, low when
    /// it is only on the Compose network.
    ///
    /// ## Why is this bad?
    /// Anything that can reach the port, another container, a server-side request
    /// forgery, or the internet when the port is published, reads and changes all data;
    /// an unauthenticated Redis can be turned into code execution on its host (CWE-306,
    /// CWE-1392).
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   db:
    ///     image: postgres:16
    ///     environment:
    ///       POSTGRES_PASSWORD: postgres
    ///   cache:
    ///     image: redis:7
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   db:
    ///     image: postgres:16
    ///     environment:
    ///       POSTGRES_PASSWORD_FILE: /run/secrets/db_password
    ///     secrets: [db_password]
    ///   cache:
    ///     image: redis:7
    ///     command: ["sh", "-c", "exec redis-server --requirepass \"$$(cat /run/secrets/redis_password)\""]
    ///     secrets: [redis_password]
    /// ```
    DatastoreNoAuth {
        id: "compose/datastore-no-auth",
        title: "Database or cache without a password",
        cwe: [306, 1392],
        severity: Medium,
        confidence: Medium,
        kinds: [Compose],
        message: "a database or cache starts without authentication or with a default password",
    }
}

fn truthy(v: &str) -> bool {
    matches!(
        v.to_ascii_lowercase().as_str(),
        "yes" | "true" | "1" | "y" | "on"
    )
}

/// Why this service accepts clients without a real password, if it does.
fn problem(s: &Service<'_>, store: &str) -> Option<String> {
    let env = s.env();
    let cmd = s.command();
    let mounts_config = s.node.get("volumes").is_some_and(|v| {
        v.items()
            .iter()
            .any(|i| i.text().is_some_and(|t| t.contains(".conf")))
    }) || s.node.get("configs").is_some();
    // A secret variable set to a well-known default.
    for (k, v, _) in &env {
        if let Some(v) = v
            && is_secret_name(k)
            && is_default_password(v)
        {
            return Some(format!("`{k}` is the well-known default `{v}`"));
        }
    }
    match store {
        "redis" => {
            if cmd.contains("--protected-mode no") {
                return Some("runs with `--protected-mode no`".into());
            }
            let has_pass = cmd.contains("--requirepass")
                || cmd.contains("--aclfile")
                || env.iter().any(|(k, v, _)| {
                    matches!(
                        k.as_str(),
                        "REDIS_PASSWORD" | "REDIS_PASSWORD_FILE" | "REDIS_ARGS"
                    ) && v.as_deref().is_none_or(|v| !v.is_empty())
                });
            let allow_empty = s
                .env_value("ALLOW_EMPTY_PASSWORD")
                .is_some_and(|v| truthy(&v));
            if allow_empty {
                return Some("sets `ALLOW_EMPTY_PASSWORD`".into());
            }
            (!has_pass && !mounts_config).then(|| "runs without `--requirepass`".into())
        }
        "postgres" => {
            let trust = s
                .env_value("POSTGRES_HOST_AUTH_METHOD")
                .is_some_and(|v| v.eq_ignore_ascii_case("trust"));
            trust.then(|| "sets `POSTGRES_HOST_AUTH_METHOD: trust` (no password checks)".into())
        }
        "mysql" => {
            let empty = [
                "MYSQL_ALLOW_EMPTY_PASSWORD",
                "MARIADB_ALLOW_EMPTY_ROOT_PASSWORD",
                "MARIADB_ALLOW_EMPTY_PASSWORD",
                "ALLOW_EMPTY_PASSWORD",
            ]
            .iter()
            .find(|k| s.env_value(k).is_some_and(|v| truthy(&v)));
            empty.map(|k| format!("sets `{k}` (no root password)"))
        }
        "mongo" => {
            let has_root = env.iter().any(|(k, _, _)| {
                k.starts_with("MONGO_INITDB_ROOT_PASSWORD")
                    || k.starts_with("MONGODB_ROOT_PASSWORD")
                    || k.starts_with("MONGODB_PASSWORD")
            });
            (!has_root && !cmd.contains("--auth") && !mounts_config)
                .then(|| "has no root user, so MongoDB runs without authentication".into())
        }
        "elasticsearch" => {
            let off = env.iter().any(|(k, v, _)| {
                (k == "xpack.security.enabled" || k == "XPACK_SECURITY_ENABLED")
                    && v.as_deref()
                        .is_some_and(|v| v.eq_ignore_ascii_case("false"))
                    || (k == "DISABLE_SECURITY_PLUGIN" || k == "plugins.security.disabled")
                        && v.as_deref().is_some_and(truthy)
            });
            off.then(|| "turns security off".into())
        }
        "rabbitmq" => {
            let has_user = s.has_env("RABBITMQ_DEFAULT_PASS")
                || s.has_env("RABBITMQ_DEFAULT_PASS_FILE")
                || mounts_config;
            (!has_user).then(|| "keeps the default `guest`/`guest` account".into())
        }
        "neo4j" => s
            .env_value("NEO4J_AUTH")
            .is_some_and(|v| v.eq_ignore_ascii_case("none"))
            .then(|| "sets `NEO4J_AUTH: none`".into()),
        _ => None,
    }
}

impl Check for DatastoreNoAuth {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for s in services(f) {
            let Some(store) = s.datastore() else { continue };
            let Some(why) = problem(&s, store) else {
                continue;
            };
            let exposed = s.publishes_widely();
            let (sev, where_) = if exposed {
                (Severity::High, "and is published on every host interface")
            } else {
                (
                    Severity::Low,
                    "(reachable from the other containers of the project)",
                )
            };
            out.push(Hit::at(s.name_span.clone()).severity(sev).message(format!(
                "{store} service `{}` {why} {where_}: set a strong password from a secret",
                s.name
            )));
        }
    }
}

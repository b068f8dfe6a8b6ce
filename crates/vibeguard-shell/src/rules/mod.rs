//! The `gate/*` rules. One file per rule: its documentation is the doc comment on the
//! rule's marker type, and [`crate::rules()`] returns that same text, so `vibeguard
//! explain` and the code never disagree. Checks live next to the rule they report, or
//! in the shared effect modules (`delete`, `effects`) when one command feeds several
//! rules.

use vibeguard_core::{Confidence, RuleDoc, RuleInfo, Severity, Tier};

/// Static description of one rule; turned into a [`RuleInfo`] on demand.
pub struct RuleMeta {
    pub id: &'static str,
    pub title: &'static str,
    /// The usual tier; individual findings may be lower or higher.
    pub tier: Tier,
    pub cwe: &'static [u32],
    /// The doc comment, Markdown with the four standard headings.
    pub doc: &'static str,
}

/// Declare a rule marker type whose doc comment is also its runtime documentation.
macro_rules! gate_rule {
    (
        $(#[doc = $doc:literal])*
        $name:ident {
            id: $id:literal,
            title: $title:literal,
            tier: $tier:ident,
            cwe: [$($cwe:literal),*] $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;
        impl $name {
            pub const ID: &'static str = $id;
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                id: $id,
                title: $title,
                tier: vibeguard_core::Tier::$tier,
                cwe: &[$($cwe),*],
                doc: concat!($($doc, "\n"),*),
            };
        }
    };
}

pub mod agent_permission_bypass;
pub mod cloud_iam_change;
pub mod cloud_resource_delete;
pub mod container_data_loss;
pub mod container_host_escape;
pub mod database_destructive;
pub mod delete_project_root;
pub mod delete_system_or_home;
pub mod delete_unresolved_path;
pub mod disk_overwrite;
pub mod dynamic_command_name;
pub mod env_dump;
pub mod fetch_cloud_metadata;
pub mod fetch_private_address;
pub mod file_truncation;
pub mod find_delete;
pub mod fork_bomb;
pub mod git;
pub mod git_alias_exec;
pub mod git_discard_changes;
pub mod git_force_push;
pub mod git_history_rewrite;
pub mod git_hook_bypass;
pub mod git_push_delete;
pub mod git_remote_change;
pub mod guard_tampering;
pub mod history_tampering;
pub mod host_security_disabled;
pub mod iac_apply;
pub mod iac_destroy;
pub mod insecure_package_source;
pub mod insecure_permissions;
pub mod interpreter_dangerous_code;
pub mod kill_all_processes;
pub mod kubernetes_mutation;
pub mod obfuscated_execution;
pub mod package_install_from_url;
pub mod package_publish;
pub mod persistence_or_system_write;
pub mod print_secret_variable;
pub mod read_secret_file;
pub mod recursive_delete_outside_project;
pub mod recursive_permission_change;
pub mod remote_code_execution;
pub mod remote_resource_delete;
pub mod reverse_shell;
pub mod rsync_delete;
pub mod secret_exfiltration;
pub mod ssh_host_key_check_disabled;
pub mod system_shutdown;
pub mod tar_remove_files;
pub mod tls_verification_disabled;
pub mod too_deeply_nested;
pub mod unparsable_command;

/// Every rule, in a stable order.
pub fn all() -> Vec<&'static RuleMeta> {
    vec![
        &recursive_delete_outside_project::RecursiveDeleteOutsideProject::META,
        &delete_project_root::DeleteProjectRoot::META,
        &delete_system_or_home::DeleteSystemOrHome::META,
        &delete_unresolved_path::DeleteUnresolvedPath::META,
        &find_delete::FindDelete::META,
        &disk_overwrite::DiskOverwrite::META,
        &file_truncation::FileTruncation::META,
        &rsync_delete::RsyncDelete::META,
        &tar_remove_files::TarRemoveFiles::META,
        &git_force_push::GitForcePush::META,
        &git_push_delete::GitPushDelete::META,
        &git_discard_changes::GitDiscardChanges::META,
        &git_history_rewrite::GitHistoryRewrite::META,
        &git_hook_bypass::GitHookBypass::META,
        &git_remote_change::GitRemoteChange::META,
        &git_alias_exec::GitAliasExec::META,
        &remote_code_execution::RemoteCodeExecution::META,
        &obfuscated_execution::ObfuscatedExecution::META,
        &interpreter_dangerous_code::InterpreterDangerousCode::META,
        &read_secret_file::ReadSecretFile::META,
        &env_dump::EnvDump::META,
        &secret_exfiltration::SecretExfiltration::META,
        &tls_verification_disabled::TlsVerificationDisabled::META,
        &insecure_permissions::InsecurePermissions::META,
        &host_security_disabled::HostSecurityDisabled::META,
        &iac_apply::IacApply::META,
        &iac_destroy::IacDestroy::META,
        &kubernetes_mutation::KubernetesMutation::META,
        &cloud_resource_delete::CloudResourceDelete::META,
        &cloud_iam_change::CloudIamChange::META,
        &container_host_escape::ContainerHostEscape::META,
        &database_destructive::DatabaseDestructive::META,
        &package_install_from_url::PackageInstallFromUrl::META,
        &guard_tampering::GuardTampering::META,
        &persistence_or_system_write::PersistenceOrSystemWrite::META,
        &unparsable_command::UnparsableCommand::META,
        &too_deeply_nested::TooDeeplyNested::META,
        &dynamic_command_name::DynamicCommandName::META,
        &fetch_cloud_metadata::FetchCloudMetadata::META,
        &fetch_private_address::FetchPrivateAddress::META,
        &recursive_permission_change::RecursivePermissionChange::META,
        &history_tampering::HistoryTampering::META,
        &fork_bomb::ForkBomb::META,
        &kill_all_processes::KillAllProcesses::META,
        &system_shutdown::SystemShutdown::META,
        &reverse_shell::ReverseShell::META,
        &print_secret_variable::PrintSecretVariable::META,
        &insecure_package_source::InsecurePackageSource::META,
        &ssh_host_key_check_disabled::SshHostKeyCheckDisabled::META,
        &agent_permission_bypass::AgentPermissionBypass::META,
        &container_data_loss::ContainerDataLoss::META,
        &remote_resource_delete::RemoteResourceDelete::META,
        &package_publish::PackagePublish::META,
    ]
}

/// Run every per-command check on one unwrapped command.
pub fn check_command(c: &crate::cmd::Cmd, out: &mut crate::cmd::Out) {
    crate::delete::check(c, out);
    crate::effects::check_writes(c, out);
    find_delete::check(c, out);
    disk_overwrite::check(c, out);
    file_truncation::check(c, out);
    rsync_delete::check(c, out);
    tar_remove_files::check(c, out);
    git::check(c, out);
    read_secret_file::check(c, out);
    env_dump::check(c, out);
    secret_exfiltration::check(c, out);
    tls_verification_disabled::check(c, out);
    insecure_permissions::check(c, out);
    host_security_disabled::check(c, out);
    iac_apply::check(c, out);
    iac_destroy::check(c, out);
    kubernetes_mutation::check(c, out);
    cloud_resource_delete::check(c, out);
    cloud_iam_change::check(c, out);
    container_host_escape::check(c, out);
    database_destructive::check(c, out);
    fetch_cloud_metadata::check(c, out);
    recursive_permission_change::check(c, out);
    history_tampering::check(c, out);
    kill_all_processes::check(c, out);
    system_shutdown::check(c, out);
    reverse_shell::check(c, out);
    insecure_package_source::check(c, out);
    ssh_host_key_check_disabled::check(c, out);
    agent_permission_bypass::check(c, out);
    container_data_loss::check(c, out);
    persistence_or_system_write::check(c, out);
    remote_resource_delete::check(c, out);
    package_publish::check(c, out);
}

/// Checks on a command's own flags that must run before it is unwrapped: `ssh` and
/// interpreters such as `deno` are wrappers, so their options never reach
/// [`check_command`].
pub fn check_before_unwrap(c: &crate::cmd::Cmd, out: &mut crate::cmd::Out) {
    if matches!(
        c.name,
        "ssh" | "scp" | "sftp" | "rsync" | "autossh" | "mosh"
    ) {
        ssh_host_key_check_disabled::check(c, out);
    }
    if c.name == "deno"
        && c.strs()
            .any(|a| a.starts_with("--unsafely-ignore-certificate-errors"))
    {
        out.add(
            tls_verification_disabled::TlsVerificationDisabled::ID,
            Tier::Medium,
            "deno --unsafely-ignore-certificate-errors turns off TLS certificate verification, so any network attacker can impersonate the server",
            "install the right CA certificate instead (DENO_CERT)",
        );
    }
}

fn severity(t: Tier) -> Severity {
    match t {
        Tier::Low => Severity::Low,
        Tier::Medium => Severity::Medium,
        Tier::High => Severity::High,
    }
}

/// Split a rule's Markdown doc into the four sections.
fn parse_doc(doc: &str) -> RuleDoc {
    let mut d = RuleDoc::default();
    let mut section: Option<&mut String> = None;
    for raw in doc.lines() {
        let line = raw.strip_prefix(' ').unwrap_or(raw);
        if let Some(h) = line.strip_prefix("## ") {
            section = match h.trim() {
                "What it does" => Some(&mut d.what),
                "Why is this bad?" => Some(&mut d.why),
                "Example" => Some(&mut d.example),
                "Use instead" => Some(&mut d.use_instead),
                _ => None,
            };
            continue;
        }
        if let Some(s) = section.as_deref_mut() {
            if line.trim_start().starts_with("```") {
                continue;
            }
            s.push_str(line);
            s.push('\n');
        }
    }
    for s in [&mut d.what, &mut d.why, &mut d.example, &mut d.use_instead] {
        *s = s.trim().to_string();
    }
    d
}

pub fn info(m: &RuleMeta) -> RuleInfo {
    let doc = parse_doc(m.doc);
    RuleInfo {
        id: m.id.to_string(),
        title: m.title.to_string(),
        cwe: m.cwe.to_vec(),
        severity: severity(m.tier),
        confidence: Confidence::High,
        message: m.title.to_string(),
        doc,
        tags: vec!["gate".to_string()],
    }
}

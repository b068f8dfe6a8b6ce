//! One file per rule, grouped by the kind of file they read; [`all`] is the registry.

pub mod actions;
pub mod agent;
pub mod common;
pub mod compose;
pub mod docker;
pub mod dotenv;
pub mod k8s;
pub mod mcp;
pub mod nginx;
pub mod npm;
pub mod redis;
pub mod sshd;
pub mod terraform;

use crate::rule::Rule;

/// Every built-in configuration rule.
pub fn all() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(agent::all_mcp_servers_enabled::AllMcpServersEnabled),
        Box::new(agent::credentials_in_settings::CredentialsInSettings),
        Box::new(agent::gate_hook_missing::GateHookMissing),
        Box::new(agent::hooks_disabled::HooksDisabled),
        Box::new(agent::permission_prompts_bypassed::PermissionPromptsBypassed),
        Box::new(agent::shell_allowed_wholesale::ShellAllowedWholesale),
        Box::new(dotenv::committed_secret::CommittedSecret),
        Box::new(mcp::broad_filesystem::BroadFilesystem),
        Box::new(mcp::inline_secret::InlineSecret),
        Box::new(mcp::plain_http::PlainHttp),
        Box::new(mcp::tools_auto_approved::ToolsAutoApproved),
        Box::new(mcp::unpinned_package::UnpinnedPackage),
        Box::new(npm::install_script_download::InstallScriptDownload),
        Box::new(actions::download_piped_to_shell::DownloadPipedToShell),
        Box::new(actions::excessive_permissions::ExcessivePermissions),
        Box::new(actions::insecure_commands::InsecureCommands),
        Box::new(actions::persisted_credentials::PersistedCredentials),
        Box::new(actions::secret_exposed::SecretExposed),
        Box::new(actions::self_hosted_pull_request::SelfHostedPullRequest),
        Box::new(actions::template_injection::TemplateInjection),
        Box::new(actions::unpinned_action::UnpinnedAction),
        Box::new(actions::untrusted_checkout::UntrustedCheckout),
        Box::new(compose::dangerous_capabilities::DangerousCapabilities),
        Box::new(compose::datastore_exposed::DatastoreExposed),
        Box::new(compose::datastore_no_auth::DatastoreNoAuth),
        Box::new(compose::host_mount::HostMount),
        Box::new(compose::host_namespace::HostNamespace),
        Box::new(compose::privileged::Privileged),
        Box::new(compose::secret_in_environment::SecretInEnvironment),
        Box::new(compose::security_opt_disabled::SecurityOptDisabled),
        Box::new(docker::add_remote_url::AddRemoteUrl),
        Box::new(nginx::autoindex::Autoindex),
        Box::new(nginx::cors_wildcard::CorsWildcard),
        Box::new(nginx::header_redefinition::HeaderRedefinition),
        Box::new(nginx::missing_security_headers::MissingSecurityHeaders),
        Box::new(nginx::plain_http::PlainHttp),
        Box::new(nginx::server_tokens::ServerTokens),
        Box::new(nginx::weak_tls::WeakTls),
        Box::new(redis::dangerous_commands::DangerousCommands),
        Box::new(redis::network_exposed::NetworkExposed),
        Box::new(redis::no_auth::NoAuth),
        Box::new(sshd::empty_passwords::EmptyPasswords),
        Box::new(sshd::password_authentication::PasswordAuthentication),
        Box::new(sshd::root_login::RootLogin),
        Box::new(terraform::admin_policy_attached::AdminPolicyAttached),
        Box::new(terraform::elasticache_no_auth::ElasticacheNoAuth),
        Box::new(terraform::hardcoded_password::HardcodedPassword),
        Box::new(terraform::iam_wildcard::IamWildcard),
        Box::new(terraform::open_ingress::OpenIngress),
        Box::new(terraform::plain_http_listener::PlainHttpListener),
        Box::new(terraform::provider_credentials::ProviderCredentials),
        Box::new(terraform::public_database::PublicDatabase),
        Box::new(terraform::public_storage::PublicStorage),
        Box::new(terraform::unencrypted_storage::UnencryptedStorage),
        Box::new(k8s::added_capabilities::AddedCapabilities),
        Box::new(k8s::cluster_admin_binding::ClusterAdminBinding),
        Box::new(k8s::datastore_exposed::DatastoreExposed),
        Box::new(k8s::host_namespace::HostNamespace),
        Box::new(k8s::host_path::HostPath),
        Box::new(k8s::missing_resource_limits::MissingResourceLimits),
        Box::new(k8s::privilege_escalation::PrivilegeEscalation),
        Box::new(k8s::privileged::Privileged),
        Box::new(k8s::rbac_wildcard::RbacWildcard),
        Box::new(k8s::run_as_root::RunAsRoot),
        Box::new(k8s::secret_in_env::SecretInEnv),
        Box::new(k8s::unpinned_image::UnpinnedImage),
        Box::new(k8s::writable_root_filesystem::WritableRootFilesystem),
        Box::new(docker::chmod_world_writable::ChmodWorldWritable),
        Box::new(docker::download_piped_to_shell::DownloadPipedToShell),
        Box::new(docker::package_cache::PackageCache),
        Box::new(docker::run_as_root::RunAsRoot),
        Box::new(docker::secret_copied::SecretCopied),
        Box::new(docker::secret_in_env::SecretInEnv),
        Box::new(docker::ssh_server::SshServer),
        Box::new(docker::sudo::Sudo),
        Box::new(docker::unpinned_base_image::UnpinnedBaseImage),
        Box::new(docker::verification_disabled::VerificationDisabled),
    ]
}

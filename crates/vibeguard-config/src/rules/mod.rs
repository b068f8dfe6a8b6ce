//! One file per rule, grouped by the kind of file they read; [`all`] is the registry.

pub mod common;
pub mod docker;

use crate::rule::Rule;

/// Every built-in configuration rule.
pub fn all() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(docker::add_remote_url::AddRemoteUrl),
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

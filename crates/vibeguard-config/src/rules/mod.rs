//! One file per rule; `all()` is the registry.

mod actions_script_injection;
mod actions_untrusted_checkout;
mod docker_socket_mount;
mod host_namespace;
mod privileged_container;
mod terraform_open_ingress;
mod terraform_public_bucket;
mod yaml_util;

use vibeguard_code::rule::CodeRule;

/// Every built-in configuration rule.
pub fn all() -> Vec<Box<dyn CodeRule>> {
    vec![
        Box::new(actions_script_injection::ActionsScriptInjection),
        Box::new(actions_untrusted_checkout::ActionsUntrustedCheckout),
        Box::new(docker_socket_mount::DockerSocketMount),
        Box::new(host_namespace::HostNamespace),
        Box::new(privileged_container::PrivilegedContainer),
        Box::new(terraform_open_ingress::TerraformOpenIngress),
        Box::new(terraform_public_bucket::TerraformPublicBucket),
    ]
}

//! The CLI's integration tests, in one test binary: each module used to be its own binary,
//! and every one of them linked the whole CLI, which dominated a cold `cargo test`.
//! Add a new test file as a module here rather than as a new file under `tests/`.

mod hook_support;
mod sandbox;
mod scan_support;

mod bom_cli;
mod code_cli;
mod code_corpus;
mod deps_cli;
mod gate_corpus;
mod git_scan;
mod hook_agents;
mod hook_arguments_context;
mod hook_config_writes;
mod hook_failclosed;
mod hook_policy;
mod init_cli;
mod init_hooks_e2e;
mod install_script;
mod integrations;
mod log_cli;
mod log_hook_e2e;
mod output_cli;
mod policy_cli;
mod scan_cli;
mod scan_git;
mod scan_snapshots;
mod secrets_corpus;
mod template_cli;

//! Rules for the coding agents' own settings: the permission boundary between what an
//! agent may do on its own and what a person approves.

pub mod all_mcp_servers_enabled;
pub mod credentials_in_settings;
pub mod gate_hook_missing;
pub mod hooks_disabled;
pub mod permission_prompts_bypassed;
pub mod shell_allowed_wholesale;

//! package.json rules.

pub mod install_script_download;

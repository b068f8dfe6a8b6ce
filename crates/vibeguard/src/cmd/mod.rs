pub mod baseline;
pub mod check;
pub mod explain;
pub mod hook;
pub mod init;
pub mod log;
pub mod rules;
pub mod scan;

//! Shell command understanding for the agent gate: parse a command line however it is
//! wrapped or disguised, find what it would really do, and report `gate/...` findings.

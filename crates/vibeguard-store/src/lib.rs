//! SQLite state under `.vibeguard/`: the hash-chained audit log of every gate decision.

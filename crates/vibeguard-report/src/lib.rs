//! Reporters: compiler-style text, a documented JSON schema, and SARIF 2.1.0.

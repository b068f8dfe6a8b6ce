//! Secret detection. Rules are data (TOML compiled into the binary), run behind an
//! Aho-Corasick keyword prefilter so that most bytes are never seen by a regex.

use crate::calls::{calls, hit};
use crate::code_rule;
use crate::lang::Lang;
use crate::lazy_regex;
use crate::rule::{CodeFile, CodeRule, Hit, Meta};
use vibeguard_core::{Confidence, Severity};

code_rule! {
    /// ## What it does
    /// Flags deserialisation with `pickle`, `cPickle`, `dill`, `shelve` or `jsonpickle`.
    ///
    /// ## Why is this bad?
    /// Unpickling runs whatever `__reduce__` a payload names: loading a pickle that an
    /// attacker can influence (a cache, an upload, a message queue) executes their code
    /// (CWE-502).
    ///
    /// ## Example
    /// ```text
    /// session = pickle.loads(base64.b64decode(cookie))
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// session = json.loads(signed_cookie_value)
    /// ```
    PickleLoad
}

static META: Meta = Meta {
    id: "python/pickle-load",
    title: "Deserialising pickle data",
    cwe: &[502],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "pickle deserialisation executes code embedded in the data; load only trusted data or use JSON",
    langs: &[Lang::Python],
    keywords: &["pickle", "dill", "shelve"],
};

impl CodeRule for PickleLoad {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn check(&self, file: &CodeFile<'_>, out: &mut Vec<Hit>) {
        let re = lazy_regex!(
            r"\b(?:c?[pP]ickle|dill|jsonpickle)\.(?:loads?|decode|Unpickler)\s*\(|\bshelve\.open\s*\("
        );
        for (start, open, args) in calls(re, file.text) {
            out.push(hit(start, open, args));
        }
    }
}

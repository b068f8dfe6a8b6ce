use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

use super::own_file;

rule_doc! {
    /// ## What it does
    /// Flags deserialisation with `pickle` and its relatives (`cPickle`, `dill`,
    /// `pandas.read_pickle`, `joblib.load`, `torch.load` without `weights_only=True`,
    /// `numpy.load(allow_pickle=True)`) of data that is not a constant. A file the
    /// program names itself (a constant path, or one built from constants and the
    /// program's own directory, `__file__`) is its own data and is not reported; a file
    /// whose path comes from elsewhere (a parameter, a temporary directory other users
    /// can write to) is reported with low confidence, and one from input with the flow.
    ///
    /// ## Why is this bad?
    /// Unpickling runs whatever callables the data names: a pickle from a request, a
    /// socket, a cache or a user's upload executes code on the server (CWE-502).
    ///
    /// ## Example
    /// ```python
    /// obj = pickle.loads(request.data)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// obj = json.loads(request.data)
    /// ```
    PickleLoad
}

static META: RuleMeta = RuleMeta {
    id: "python/pickle-load",
    title: "Deserialisation with pickle",
    cwe: &[502],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "pickle runs code named by the data it loads; use a data format (JSON) for anything not produced by this program",
    family: Family::Python,
    keywords: &[
        "pickle", "dill", "joblib", "torch", "numpy", "np.", "shelve",
    ],
    calls: &[
        "load",
        "loads",
        "Unpickler",
        "read_pickle",
        "open",
        "load_session",
        "load_module",
    ],
    on: 0,
};

const PICKLE: &[&str] = &[
    "pickle.load",
    "pickle.loads",
    "pickle.Unpickler",
    "cPickle.load",
    "cPickle.loads",
    "_pickle.load",
    "_pickle.loads",
    "dill.load",
    "dill.loads",
    "dill.load_session",
    "dill.load_module",
    "pandas.read_pickle",
    "joblib.load",
    "cloudpickle.load",
    "cloudpickle.loads",
    "shelve.open",
];

impl Rule for PickleLoad {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let data = if site.is(PICKLE) {
            site.arg(0)
        } else if site.is(&["torch.load"]) {
            let weights_only = site
                .kwarg("weights_only")
                .is_some_and(|(_, v)| crate::rules::support::const_bool(v) == Some(true));
            if weights_only { None } else { site.arg(0) }
        } else if site.is(&["numpy.load"]) {
            let allow = site
                .kwarg("allow_pickle")
                .is_some_and(|(_, v)| crate::rules::support::const_bool(v) == Some(true));
            if allow { site.arg(0) } else { None }
        } else {
            None
        };
        let Some((e, v)) = data else { return };
        // The program's own constant (or a value computed from constants only).
        if v.is_trusted() {
            return;
        }
        if cx.has_input(v, sink::DESERIALIZE, accept::INPUT | accept::IO) {
            cx.flow(site.span, v, sink::DESERIALIZE, accept::INPUT | accept::IO);
        } else if !own_file::reads_own_file(cx, e) {
            let r = Report::at(site.span);
            // Read from a file: whoever can write that file runs code, but its origin
            // is not known here.
            let r = if own_file::reads_a_file(cx, e) {
                r.confidence(Confidence::Low)
            } else {
                r
            };
            cx.report(r);
        }
    }
}

use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `encoding/gob` decoders reading request data (`gob.NewDecoder(r.Body)`), and
    /// YAML documents from request data decoded with `gopkg.in/yaml` or `sigs.k8s.io/yaml`
    /// (`yaml.Unmarshal(body, &v)`, `yaml.NewDecoder(r.Body)`).
    ///
    /// ## Why is this bad?
    /// gob trusts its stream: it allocates whatever sizes and types the sender describes,
    /// so a crafted body exhausts memory or fills interface values with types the handler
    /// never expected (CWE-502). gob is meant for peers that trust each other, not for
    /// requests from the internet. YAML's aliases expand exponentially ("billion laughs")
    /// and its tags pick the types of what lands in `interface{}` values.
    ///
    /// ## Example
    /// ```go
    /// var job Job
    /// err := gob.NewDecoder(r.Body).Decode(&job)
    /// ```
    ///
    /// ## Use instead
    /// ```go
    /// var job Job
    /// dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20))
    /// dec.DisallowUnknownFields()
    /// err := dec.Decode(&job)
    /// ```
    GoUnsafeDeserialization
}

static META: RuleMeta = RuleMeta {
    id: "go/unsafe-deserialization",
    title: "gob or YAML decoding of request data",
    cwe: &[502],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "gob/YAML decoder reads request data; accept JSON with a size limit and a fixed struct instead",
    family: Family::Go,
    keywords: &["gob", "yaml"],
    calls: &["NewDecoder", "Unmarshal", "UnmarshalStrict"],
    on: 0,
};

impl Rule for GoUnsafeDeserialization {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let Some(path) = site.path else { return };
        // `gopkg.in/yaml.v3` is imported under the name `yaml`.
        let yaml = (path.starts_with("gopkg.in/yaml.")
            || path.starts_with("sigs.k8s.io/yaml")
            || path.starts_with("yaml.")
                && ["gopkg.in/yaml.v2", "gopkg.in/yaml.v3", "sigs.k8s.io/yaml"]
                    .iter()
                    .any(|m| cx.imports(m)))
            && matches!(site.name, "Unmarshal" | "UnmarshalStrict" | "NewDecoder");
        if path != "encoding/gob.NewDecoder" && !yaml {
            return;
        }
        if let Some((_, v)) = site.arg(0) {
            cx.flow(site.span, v, sink::DESERIALIZE, accept::REQUEST);
        }
    }
}

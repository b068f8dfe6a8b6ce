use crate::check::{CallSite, Cx, Report, Rule, RuleMeta, Unknown, sink};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags Java native deserialisation (`new ObjectInputStream(in).readObject()`),
    /// `XMLDecoder`, XStream `fromXML`, SnakeYAML `new Yaml().load` of input, and Jackson's
    /// polymorphic default typing.
    ///
    /// ## Why is this bad?
    /// Gadget chains in common libraries turn a serialized object from a request into code
    /// execution on the server (CWE-502).
    ///
    /// ## Example
    /// ```java
    /// Object o = new ObjectInputStream(request.getInputStream()).readObject();
    /// ```
    ///
    /// ## Use instead
    /// ```java
    /// Order o = objectMapper.readValue(request.getInputStream(), Order.class);
    /// ```
    JavaUnsafeDeserialization
}

static META: RuleMeta = RuleMeta {
    id: "java/unsafe-deserialization",
    title: "Deserialisation of untrusted data",
    cwe: &[502],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "deserialising this data can run code; use a data format (JSON) with explicit types",
    family: Family::Java,
    keywords: &[
        "ObjectInputStream",
        "XMLDecoder",
        "XStream",
        "Yaml",
        "readObject",
        "enableDefaultTyping",
    ],
    calls: &[
        "ObjectInputStream",
        "XMLDecoder",
        "fromXML",
        "load",
        "loadAs",
        "readObject",
        "enableDefaultTyping",
        "activateDefaultTyping",
    ],
    on: 0,
};

impl Rule for JavaUnsafeDeserialization {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if matches!(site.name, "enableDefaultTyping" | "activateDefaultTyping") {
            cx.report(Report::at(site.span));
            return;
        }
        let data = match site.name {
            "ObjectInputStream" | "XMLDecoder" if site.call.is_new => site.arg(0),
            "fromXML" | "load" | "loadAs"
                if site.recv.is_some()
                    && (cx.imports("com.thoughtworks.xstream")
                        || cx.imports("org.yaml.snakeyaml")
                        || cx.whole_text().contains("XStream")
                        || cx.whole_text().contains("new Yaml")) =>
            {
                site.arg(0)
            }
            _ => None,
        };
        if let Some((_, v)) = data {
            cx.sink(site.span, v, sink::DESERIALIZE, Unknown::Skip, None);
        }
    }
}

use crate::check::{CallSite, Cx, Report, ReturnSite, Rule, RuleMeta, accept, on, sink};
use crate::ir::{Expr, ExprKind, Stmt, StmtKind};
use crate::rule_doc;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags request data a Spring MVC controller puts into the model
    /// (`model.addAttribute("bio", x)`, `mav.addObject("bio", x)`,
    /// `new ModelAndView("profile", "bio", x)`) when the Thymeleaf template the method
    /// renders (the view name it returns, `new ModelAndView("profile")` or
    /// `setViewName("profile")`, read from `src/main/resources/templates/profile.html`)
    /// prints that attribute without escaping: `th:utext="${bio}"` or inlined
    /// `[(${bio})]`. A handler's `@ModelAttribute` parameters are in the model under
    /// their name too, and a view that prints `${param.x}` unescaped reads the request
    /// itself. An attribute that starts a link or form address (`th:href="${next}"`,
    /// `th:href="@{${next}}"`, `th:action`) is flagged too: escaping does not stop a
    /// `javascript:` URL. Escaped output (`th:text`, `[[${bio}]]`) and addresses with a
    /// fixed start (`@{/users/{id}(id=${id})}`) are fine.
    ///
    /// ## Why is this bad?
    /// `th:utext` writes the value into the page as markup: a request parameter holding
    /// `<script>` runs in the visitor's browser with the site's cookies (reflected
    /// XSS, CWE-79).
    ///
    /// ## Example
    /// ```java
    /// @GetMapping("/profile")
    /// String profile(@RequestParam String bio, Model model) {
    ///     model.addAttribute("bio", bio);   // profile.html: <div th:utext="${bio}">
    ///     return "profile";
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```html
    /// <div th:text="${bio}"></div>
    /// ```
    JavaThymeleafUnescaped
}

static META: RuleMeta = RuleMeta {
    id: "java/thymeleaf-unescaped",
    title: "Request data rendered unescaped by a Thymeleaf template",
    cwe: &[79],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "request data put into the model is printed unescaped by the Thymeleaf view (th:utext or [(...)]) or starts a th:href/th:action address (javascript: URLs); use th:text or [[...]], and allow only http(s) or same-site addresses",
    family: Family::Java,
    keywords: &["addAttribute", "addObject", "ModelAndView", "Map"],
    calls: &["addAttribute", "addObject", "ModelAndView", "put"],
    on: on::RETURN,
};

impl Rule for JavaThymeleafUnescaped {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let (key, value, own_view) = match site.name {
            "addAttribute" | "addObject" if site.recv.is_some() && site.positional() == 2 => {
                (site.arg(0), site.arg(1), None)
            }
            // `Map<String, Object> model` (or `ModelMap`) as a handler parameter:
            // `model.put("bio", bio)`.
            "put" if site.positional() == 2 && model_map_param(cx, site) => {
                (site.arg(0), site.arg(1), None)
            }
            // new ModelAndView("profile", "bio", bio)
            "ModelAndView" if site.call.is_new && site.positional() == 3 => (
                site.arg(1),
                site.arg(2),
                site.call.arg(0).and_then(Expr::as_str),
            ),
            _ => return,
        };
        let (Some((key, _)), Some((_, v))) = (key, value) else {
            return;
        };
        let Some(key) = key.as_str() else { return };
        if !cx.is_tainted(v, sink::HTML, accept::REQUEST) {
            return;
        }
        let Some(project) = cx.project() else { return };
        let mut views: Vec<&str> = own_view.into_iter().collect();
        if views.is_empty() {
            view_names(&cx.module().funcs[cx.func()].body, &mut views);
        }
        let file = cx.path().to_string();
        let mut raw = None;
        let mut address = None;
        for view in &views {
            if let Some((template, out)) = project.thymeleaf_outputs(&file, view) {
                if raw.is_none() {
                    raw = used_at(&out.unescaped, key).map(|l| (template.clone(), l));
                }
                if address.is_none() {
                    address = used_at(&out.urls, key).map(|l| (template, l));
                }
            }
        }
        if let Some((template, line)) = raw {
            let m = format!(
                "request data put into the model as `{key}` is printed unescaped by {template}:{line} (th:utext or [(...)]); use th:text or [[...]]"
            );
            if cx.flow_message(site.span, v, sink::HTML, accept::REQUEST, m) {
                return;
            }
        }
        if let Some((template, line)) = address {
            let m = format!(
                "request data put into the model as `{key}` starts a link or form address in {template}:{line}: a javascript: URL runs script; allow only http(s) or same-site addresses"
            );
            cx.flow_message(site.span, v, sink::SCRIPT_URL, accept::REQUEST, m);
        }
    }
    fn ret(&self, cx: &mut Cx<'_, '_>, site: &ReturnSite<'_>) {
        let f = &cx.module().funcs[site.func];
        let mapped = f
            .decorators
            .iter()
            .any(|d| d.last_name().is_some_and(|n| n.ends_with("Mapping")));
        if !mapped {
            return;
        }
        let view = match &site.value.kind {
            ExprKind::Str(v) => Some(v.as_str()),
            ExprKind::Call(c) if c.is_new && c.callee.last_name() == Some("ModelAndView") => {
                c.arg(0).and_then(Expr::as_str)
            }
            _ => None,
        };
        let Some(view) = view.filter(|v| !v.contains(':')) else {
            return;
        };
        let Some(project) = cx.project() else { return };
        let Some((template, out)) = project.thymeleaf_outputs(cx.path(), view) else {
            return;
        };
        let names = &out.unescaped;
        // `th:utext="${param.q}"`: the template prints a request parameter itself.
        if let Some((_, line)) = names.iter().find(|(n, _)| n == "param") {
            cx.report(
                Report::at(site.span)
                    .message(format!(
                        "the view {template} prints a request parameter (${{param...}}) unescaped at line {line}; use th:text or [[...]]"
                    ))
                    .confidence(Confidence::High),
            );
        } else if let Some((_, line)) = out.urls.iter().find(|(n, _)| n == "param") {
            cx.report(
                Report::at(site.span)
                    .message(format!(
                        "the view {template} starts a link or form address with a request parameter (${{param...}}) at line {line}: a javascript: URL runs script; allow only http(s) or same-site addresses"
                    ))
                    .confidence(Confidence::High),
            );
        }
        // `@ModelAttribute("q") String q`: bound from the request and put in the model.
        for p in &f.params {
            let (Some(ann), Some(name)) = (p.annotation.as_deref(), p.name()) else {
                continue;
            };
            if !ann.contains("@ModelAttribute") {
                continue;
            }
            let key = model_attribute_name(ann).unwrap_or(name);
            let found = match used_at(names, key) {
                Some(line) => Some((
                    sink::HTML,
                    line,
                    "is printed unescaped by",
                    "use th:text or [[...]]",
                )),
                None => used_at(&out.urls, key).map(|line| {
                    (
                        sink::SCRIPT_URL,
                        line,
                        "starts a link or form address in",
                        "a javascript: URL runs script; allow only http(s) or same-site addresses",
                    )
                }),
            };
            if let Some((class, line, what, advice)) = found {
                let e = Expr {
                    kind: ExprKind::Name(name.to_string()),
                    span: p.span,
                };
                let v = cx.value_of(&e);
                let m = format!(
                    "the @ModelAttribute `{key}` (request data) {what} {template}:{line}; {advice}"
                );
                cx.flow_message(site.span, &v, class, accept::REQUEST, m);
            }
        }
    }
}

/// The line of the first use of model attribute `key` in `names`.
fn used_at(names: &[(String, u32)], key: &str) -> Option<u32> {
    names.iter().find(|(n, _)| n == key).map(|(_, l)| *l)
}

/// The attribute name an `@ModelAttribute("q")` / `@ModelAttribute(name = "q")`
/// annotation gives.
fn model_attribute_name(ann: &str) -> Option<&str> {
    let at = ann.find("@ModelAttribute")? + "@ModelAttribute".len();
    let args = ann[at..].trim_start().strip_prefix('(')?;
    let args = &args[..args.find(')')?];
    let quoted = args.split('"').nth(1)?;
    (!quoted.is_empty()).then_some(quoted)
}

/// Is the receiver of `x.put(k, v)` a `Map` or `ModelMap` parameter of the request-
/// mapping method being analysed (the model Spring hands the view)?
fn model_map_param(cx: &Cx<'_, '_>, site: &CallSite<'_>) -> bool {
    let ExprKind::Attr(recv, _) = &site.call.callee.kind else {
        return false;
    };
    let Some(name) = recv.as_name() else {
        return false;
    };
    let f = &cx.module().funcs[cx.func()];
    f.decorators
        .iter()
        .any(|d| d.last_name().is_some_and(|n| n.ends_with("Mapping")))
        && f.params.iter().any(|p| {
            p.name() == Some(name)
                && p.annotation.as_deref().is_some_and(|a| {
                    let t = a.split('<').next().unwrap_or(a).trim();
                    let t = t.rsplit([' ', '.']).next().unwrap_or(t);
                    matches!(t, "Map" | "ModelMap")
                })
        })
}

/// The view names a handler method renders: constant strings it returns (not
/// `redirect:`/`forward:` targets), and the names given to `new ModelAndView("...")`
/// and `setViewName("...")`.
fn view_names<'a>(body: &'a [Stmt], out: &mut Vec<&'a str>) {
    crate::ir::for_each_nested_stmt(body, &mut |s| {
        if let StmtKind::Return(Some(e)) = &s.kind
            && let Some(v) = e.as_str()
        {
            out.push(v);
        }
        crate::rules::support::walk_stmt_exprs(s, &mut |e| {
            if let ExprKind::Call(c) = &e.kind {
                let named = match &c.callee.kind {
                    ExprKind::Name(n) => c.is_new && n == "ModelAndView",
                    ExprKind::Attr(_, m) => m == "setViewName",
                    _ => false,
                };
                if named && let Some(v) = c.arg(0).and_then(Expr::as_str) {
                    out.push(v);
                }
            }
        });
    });
    out.retain(|v| !v.contains(':'));
    out.sort_unstable();
    out.dedup();
}

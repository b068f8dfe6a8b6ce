use crate::check::{AssignSite, CallSite, Cx, ReturnSite, Rule, RuleMeta, accept, on, sink};
use crate::rule_doc;
use crate::rules::support::host_is_fixed;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags redirects (`flask.redirect`, Django `redirect`/`HttpResponseRedirect`,
    /// Starlette `RedirectResponse`, aiohttp, Pyramid and Falcon `HTTPFound`, Tornado
    /// `self.redirect`, Sanic, CherryPy, web.py and Litestar redirects, a `Location`
    /// header set by hand or returned with a Flask view's tuple) to a URL from input,
    /// unless the program fixed the target's host or path prefix or checked it against
    /// an allowlist.
    ///
    /// ## Why is this bad?
    /// `https://your.site/login?next=https://evil.example` sends users who trust your
    /// domain to a phishing page that looks like it (CWE-601).
    ///
    /// ## Example
    /// ```python
    /// return redirect(request.args.get("next", "/"))
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// target = request.args.get("next", "/")
    /// if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.host}):
    ///     target = "/"
    /// return redirect(target)
    /// ```
    OpenRedirect
}

static META: RuleMeta = RuleMeta {
    id: "python/open-redirect",
    title: "Redirect to a URL from input",
    cwe: &[601],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "redirect to a URL from input; allow only relative paths or known hosts",
    family: Family::Python,
    keywords: &[
        "redirect",
        "Location",
        "location",
        "HTTPFound",
        "HTTPSeeOther",
        "HTTPMoved",
        "Redirect",
    ],
    calls: &[
        "redirect",
        "HttpResponseRedirect",
        "HttpResponsePermanentRedirect",
        "RedirectResponse",
        "Response",
        "HttpResponse",
        "HTTPFound",
        "HTTPSeeOther",
        "HTTPMovedPermanently",
        "HTTPTemporaryRedirect",
        "HTTPPermanentRedirect",
        "HTTPRedirect",
        "seeother",
        "found",
        "tempredirect",
        "Redirect",
        "send_header",
    ],
    on: on::ASSIGN | on::RETURN,
};

/// `resp.headers["Location"] = url` / Django `resp["Location"] = url`.
fn location_target(site: &AssignSite<'_>) -> bool {
    match site.target {
        crate::ir::Pattern::Index(_, key, _) => key
            .as_str()
            .is_some_and(|k| k.eq_ignore_ascii_case("location")),
        _ => false,
    }
}

impl Rule for OpenRedirect {
    crate::rule_meta!(META);
    /// A Flask / Quart view returning `(body, 302, {"Location": url})`.
    fn ret(&self, cx: &mut Cx<'_, '_>, site: &ReturnSite<'_>) {
        use crate::flow::value::Shape;
        if !cx.is_handler(site.func) {
            return;
        }
        let Shape::Seq(items) = &site.val.shape else {
            return;
        };
        for item in items.iter().skip(1) {
            if let Shape::Map(headers) = &item.shape
                && let Some((_, v)) = headers
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case("location"))
            {
                if !host_is_fixed(v) {
                    cx.flow(site.span, v, sink::REDIRECT, accept::REQUEST);
                }
                return;
            }
        }
    }
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        // Falcon: `resp.location = url` (with a 3xx status) redirects.
        let falcon_location = cx.imports("falcon")
            && site
                .target_path
                .as_deref()
                .is_some_and(|t| t.ends_with(".location") && t.matches('.').count() == 1);
        if (location_target(site) || falcon_location) && !host_is_fixed(site.val) {
            cx.flow(site.span, site.val, sink::REDIRECT, accept::REQUEST);
        }
    }
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // `http.server`: `self.send_header("Location", url)` after a 3xx status.
        if site.name == "send_header" {
            if cx.imports("http.server")
                && site
                    .arg(0)
                    .and_then(|(_, v)| v.const_str())
                    .is_some_and(|h| h.eq_ignore_ascii_case("location"))
                && let Some((_, v)) = site.arg(1)
                && !host_is_fixed(v)
            {
                cx.flow(site.span, v, sink::REDIRECT, accept::REQUEST);
            }
            return;
        }
        // `Response(body, status=302, headers={"Location": url})`
        if site.is(&[
            "flask.Response",
            "werkzeug.wrappers.Response",
            "django.http.HttpResponse",
            "starlette.responses.Response",
            "fastapi.responses.Response",
            "fastapi.Response",
        ]) && let Some((_, headers)) = site.kwarg("headers")
            && let Some(v) = headers
                .field("Location")
                .or_else(|| headers.field("location"))
        {
            if !host_is_fixed(&v) {
                cx.flow(site.span, &v, sink::REDIRECT, accept::REQUEST);
            }
            return;
        }
        let hit = site.name == "redirect" && crate::rules::support::on_tornado_handler(cx, site)
            || site.is(crate::flow::models::PY_REDIRECTS)
            || site.is(&["redirect"]);
        if !hit {
            return;
        }
        let Some((_, v)) = site
            .arg(0)
            .or_else(|| site.kwarg("url"))
            .or_else(|| site.kwarg("location"))
            .or_else(|| site.kwarg("path"))
        else {
            return;
        };
        if host_is_fixed(v) {
            return;
        }
        cx.flow(site.span, v, sink::REDIRECT, accept::REQUEST);
    }
}

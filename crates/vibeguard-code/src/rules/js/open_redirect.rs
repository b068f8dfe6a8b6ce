use crate::check::{AssignSite, CallSite, Cx, ReturnSite, Rule, RuleMeta, accept, on, sink};
use crate::flow::value::ObjKind;
use crate::flow::value::Val;
use crate::ir::{DictKey, Expr, ExprKind};
use crate::rule_doc;
use crate::rules::support::host_is_fixed;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags redirects to a URL from input: `res.redirect`, `res.location`, hapi's
    /// `h.redirect`, Remix / React Router and SvelteKit `redirect()`, the `{ url }` a
    /// NestJS `@Redirect()` method returns, Next.js
    /// `redirect()`/`NextResponse.redirect`, and browser navigation (`location.href =`,
    /// `location.assign`, `window.open`) with a URL from the page's own address, an AWS
    /// Lambda proxy response (`{ statusCode: 302, headers: { Location: url } }`), unless a
    /// fixed host or path prefix or an allowlist check keeps it on known sites. Also
    /// flags the check itself when a function that vets redirect targets
    /// (`isRedirectAllowed(url)`) tests its URL parameter with `url.includes(entry)` (or
    /// `indexOf(entry) !== -1`): a substring test that any URL carrying an allowed one in
    /// its query passes.
    ///
    /// ## Why is this bad?
    /// `https://your.site/login?next=https://evil.example` sends users who trust your
    /// domain to a phishing page; in the browser `javascript:` URLs run script (CWE-601).
    ///
    /// ## Example
    /// ```js
    /// res.redirect(req.query.next);
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// const next = String(req.query.next || "/");
    /// res.redirect(next.startsWith("/") && !next.startsWith("//") ? next : "/");
    /// ```
    JsOpenRedirect
}

static META: RuleMeta = RuleMeta {
    id: "js/open-redirect",
    title: "Redirect to a URL from input",
    cwe: &[601],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "redirect to a URL from input; allow only relative paths or known hosts",
    family: Family::Js,
    keywords: &["redirect", "location", "window.open"],
    calls: &[
        "redirect",
        "location",
        "assign",
        "replace",
        "open",
        "writeHead",
        "setHeader",
        "set",
        "header",
        "includes",
        "indexOf",
    ],
    on: on::ASSIGN | on::RETURN,
};

/// `url.includes(allowed)` (`url.indexOf(allowed)` not compared with 0) in a function
/// named for vetting redirects
/// (`isRedirectAllowed`, `checkRedirectTarget`, or a callback inside one), `url` being
/// one of that function's parameters and `allowed` a value of the program's own.
fn substring_redirect_check(cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
    let ExprKind::Attr(recv, _) = &site.call.callee.kind else {
        return;
    };
    let (Some(subject), Some(needle)) = (recv.as_name(), site.call.arg(0)) else {
        return;
    };
    // `url.indexOf(allowed) === 0` tests a prefix, not a substring.
    if site.name == "indexOf" {
        let after = cx.whole_text()[site.span.end as usize..].trim_start();
        let op = after.trim_start_matches(['=', '!']).trim_start();
        if after.starts_with(['=', '!']) && op.starts_with('0') {
            return;
        }
    }
    let funcs = &cx.module().funcs;
    let mut f = Some(cx.func());
    let mut named = false;
    // the parameters of the function `subject` is a parameter of
    let mut params: Option<Vec<&str>> = None;
    for _ in 0..3 {
        let Some(id) = f else { break };
        let func = &funcs[id];
        named |= func.name.to_ascii_lowercase().contains("redirect");
        if params.is_none() && func.params.iter().any(|p| p.name() == Some(subject)) {
            params = Some(func.params.iter().filter_map(|p| p.name()).collect());
        }
        f = func.parent;
    }
    let Some(params) = params.filter(|_| named) else {
        return;
    };
    // (`url.includes(other)` with both from the caller compares two inputs.)
    let mut mentions_param = false;
    needle.walk(&mut |x| {
        if let ExprKind::Name(n) = &x.kind {
            mentions_param |= n != subject && params.contains(&n.as_str());
        }
    });
    if !mentions_param {
        cx.report(
            crate::check::Report::at(site.span)
                .message("redirect target vetted by a substring test: any URL that contains an allowed one passes; compare the whole URL (or its origin) with the allowlist"),
        );
    }
}

impl Rule for JsOpenRedirect {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        if matches!(site.name, "includes" | "indexOf") {
            substring_redirect_check(cx, site);
            return;
        }
        let res = site.recv.is_some_and(|r| r.is_obj(&ObjKind::Response))
            && matches!(site.name, "redirect" | "location")
            // Koa ctx.redirect(url), Hono c.redirect(url)
            || site.recv.is_some_and(|r| r.is_obj(&ObjKind::WebContext)) && site.name == "redirect";
        // The `Location` header set by hand: `res.writeHead(302, { Location: url })`,
        // `res.setHeader("Location", url)`, Koa's `ctx.set("Location", url)`.
        let response = site
            .recv
            .is_some_and(|r| r.is_obj(&ObjKind::Response) || r.is_obj(&ObjKind::WebContext));
        if response && matches!(site.name, "writeHead" | "setHeader" | "set" | "header") {
            let location = if site.name == "writeHead" {
                site.arg(site.positional().saturating_sub(1))
                    .and_then(|(_, v)| match &v.shape {
                        crate::flow::value::Shape::Map(items) => items
                            .iter()
                            .find(|(k, _)| k.eq_ignore_ascii_case("location"))
                            .map(|(_, v)| v.clone()),
                        _ => None,
                    })
            } else {
                site.arg(0)
                    .filter(|(_, h)| {
                        h.const_str()
                            .is_some_and(|h| h.eq_ignore_ascii_case("location"))
                    })
                    .and_then(|_| site.arg(1))
                    .map(|(_, v)| v.clone())
            };
            if let Some(v) = location
                && !host_is_fixed(&v)
            {
                cx.flow(site.span, &v, sink::REDIRECT, accept::REQUEST);
            }
            return;
        }
        let next = site.is(&[
            "Response.redirect",
            "next/navigation.redirect",
            "next/navigation.permanentRedirect",
            "next/server.NextResponse.redirect",
            // Remix / React Router `redirect(url, init)`, SvelteKit `redirect(status, url)`
            "@remix-run/node.redirect",
            "@remix-run/cloudflare.redirect",
            "@remix-run/deno.redirect",
            "@remix-run/server-runtime.redirect",
            "react-router.redirect",
            "react-router-dom.redirect",
            "@sveltejs/kit.redirect",
        ]);
        const NAVIGATION: &[&str] = &[
            "location.assign",
            "location.replace",
            "window.location.assign",
            "window.location.replace",
            "document.location.assign",
            "document.location.replace",
            "window.open",
        ];
        // (`location` is read as the page address, which has no module path: the
        // callee is matched as written too.)
        let browser = site.is(NAVIGATION)
            || site
                .call
                .callee
                .dotted()
                .is_some_and(|d| NAVIGATION.contains(&d.as_str()));
        if !(res || next || browser) {
            return;
        }
        // res.redirect(301, url), SvelteKit's redirect(303, url); Remix's redirect(url, 302)
        let status_first = site
            .call
            .arg(0)
            .is_some_and(|a| matches!(a.kind, crate::ir::ExprKind::Num(_)))
            || site.is(&["@sveltejs/kit.redirect"]);
        let arg = if site.positional() >= 2 && site.name == "redirect" && status_first {
            site.arg(1)
        } else {
            site.arg(0)
        };
        if let Some((_, v)) = arg
            && !host_is_fixed(v)
        {
            cx.flow(site.span, v, sink::REDIRECT, accept::REQUEST);
        }
    }
    fn ret(&self, cx: &mut Cx<'_, '_>, site: &ReturnSite<'_>) {
        location_header(cx, site.value, site.val);
        // NestJS `@Redirect()` on a route method: the returned `{ url }` is where Nest
        // redirects to.
        if cx.imports("@nestjs")
            && cx.module().funcs[site.func].decorators.iter().any(|d| {
                let t = cx.text(d.span).trim_start_matches('@');
                t.split('(').next().is_some_and(|n| n.trim() == "Redirect")
            })
            && let Some(url) = site.val.field("url")
            && !host_is_fixed(&url)
        {
            cx.flow(site.span, &url, sink::REDIRECT, accept::REQUEST);
        }
    }
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        location_header(cx, site.value, site.val);
        let Some(t) = &site.target_path else { return };
        let nav = matches!(
            t.as_str(),
            "location"
                | "window.location"
                | "location.href"
                | "window.location.href"
                | "document.location"
                | "document.location.href"
        );
        if nav && !host_is_fixed(site.val) {
            cx.flow(site.span, site.val, sink::REDIRECT, accept::REQUEST);
        }
    }
}

/// `{ statusCode: 302, headers: { Location: url } }`: a Lambda proxy integration's
/// redirect.
fn location_header(cx: &mut Cx<'_, '_>, e: &Expr, v: &Val) {
    if e.prop("statusCode").is_none() {
        return;
    }
    let Some(headers) = e.prop("headers") else {
        return;
    };
    let ExprKind::Dict(hs) = &headers.kind else {
        return;
    };
    let Some((name, loc)) = hs.iter().find_map(|(k, hv)| match k {
        DictKey::Const(k) if k.eq_ignore_ascii_case("location") => Some((k.as_str(), hv)),
        _ => None,
    }) else {
        return;
    };
    let Some(lv) = v.field("headers").and_then(|h| h.field(name)) else {
        return;
    };
    if !host_is_fixed(&lv) {
        cx.flow(loc.span, &lv, sink::REDIRECT, accept::REQUEST);
    }
}

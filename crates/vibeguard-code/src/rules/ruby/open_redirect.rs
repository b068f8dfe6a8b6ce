use crate::check::{AssignSite, CallSite, Cx, Rule, RuleMeta, accept, on, sink};
use crate::ir::{Expr, ExprKind};
use crate::rule_doc;
use crate::rules::support::host_is_fixed;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags `redirect_to` (Rails), `redirect` (Sinatra) and `r.redirect` (Roda,
    /// Rack::Response) to a URL from the request, `redirect_back_or_to url` /
    /// `redirect_back fallback_location: url`, and a redirect by hand (`head :found,
    /// location: url`, `response.location = url`, `response.headers["Location"] = url`,
    /// `response.set_header("Location", url)`), unless the
    /// program fixed the host, passed it through `url_from` (which keeps only URLs of
    /// this site) or said `allow_other_host: false`. Route hashes that cannot leave the
    /// site are not flagged: an array of records, a hash merged with `only_path: true` or
    /// a `host:` the program chose (a constant, `Settings.host`), also in place earlier
    /// in the method (`params.merge!(only_path: true)` then `redirect_to params`), and
    /// `params.permit(...)`/`params.slice(...)` of keys that do not choose the host.
    ///
    /// ## Why is this bad?
    /// A link to a trusted site that bounces the visitor to a look-alike login page is a
    /// phishing tool (open redirect, CWE-601); `allow_other_host: true` turns off the
    /// check Rails 7 makes by default.
    ///
    /// ## Example
    /// ```ruby
    /// redirect_to params[:return_to], allow_other_host: true
    /// ```
    ///
    /// ## Use instead
    /// ```ruby
    /// redirect_to url_from(params[:return_to]) || root_path
    /// ```
    RubyOpenRedirect
}

static META: RuleMeta = RuleMeta {
    id: "ruby/open-redirect",
    title: "Redirect to a URL from input",
    cwe: &[601],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "redirect to a URL from the request; use url_from() or allow only paths on this site",
    family: Family::Ruby,
    keywords: &["redirect", "location", "Location"],
    calls: &[
        "redirect_to",
        "redirect",
        "redirect_back",
        "redirect_back_or_to",
        "head",
        "set_header",
    ],
    on: on::ASSIGN,
};

/// The statuses `head` sends that make the browser follow `location:`.
fn redirect_status(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Str(s) => matches!(
            s.as_str(),
            "moved_permanently"
                | "found"
                | "see_other"
                | "temporary_redirect"
                | "permanent_redirect"
        ),
        ExprKind::Num(n) => matches!(*n as i64, 301 | 302 | 303 | 307 | 308),
        _ => false,
    }
}

impl Rule for RubyOpenRedirect {
    crate::rule_meta!(META);
    /// `response.location = url`, `response.headers["Location"] = url`,
    /// `headers["Location"] = url`: the redirect's target set by hand.
    fn assign(&self, cx: &mut Cx<'_, '_>, site: &AssignSite<'_>) {
        let Some(t) = site.target_path.as_deref() else {
            return;
        };
        let location = t.eq_ignore_ascii_case("response.location")
            || [
                "response.headers.location",
                "headers.location",
                "response.header.location",
            ]
            .iter()
            .any(|p| t.eq_ignore_ascii_case(p));
        if location && !host_is_fixed(site.val) {
            cx.flow(site.span, site.val, sink::REDIRECT, accept::REQUEST);
        }
    }
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        // `head :found, location: url`: a redirect without `redirect_to`;
        // `response.set_header("Location", url)`.
        let by_hand = match site.name {
            "head"
                if site.recv.is_none() && site.arg(0).is_some_and(|(e, _)| redirect_status(e)) =>
            {
                site.kwarg("location")
            }
            "set_header"
                if site.arg(0).is_some_and(|(e, _)| {
                    e.as_str()
                        .is_some_and(|h| h.eq_ignore_ascii_case("location"))
                }) =>
            {
                site.arg(1)
            }
            "head" | "set_header" => return,
            _ => None,
        };
        if let Some((_, v)) = by_hand {
            if !host_is_fixed(v) {
                cx.flow(site.span, v, sink::REDIRECT, accept::REQUEST);
            }
            return;
        }
        // Roda's `r.redirect(url)`, Rack::Response's `response.redirect(url)`.
        let request_object = site.name == "redirect"
            && matches!(&site.call.callee.kind, ExprKind::Attr(b, _)
                if matches!(b.as_name(), Some("r" | "res" | "response" | "resp")));
        if site.recv.is_some() && !request_object {
            return;
        }
        // A method of this file by that name (a Rack middleware's own `redirect_to`
        // helper) is not the framework's: its body is analysed where it is defined.
        if cx
            .module()
            .funcs
            .iter()
            .any(|f| f.name == site.name && f.class.is_some())
        {
            return;
        }
        // `allow_other_host: false` makes Rails 7 refuse a URL of another host.
        if site
            .kwarg("allow_other_host")
            .is_some_and(|(e, _)| matches!(e.kind, ExprKind::Bool(false)))
        {
            return;
        }
        // `redirect_back fallback_location: url` goes there when there is no referrer.
        let target = match site.name {
            "redirect_back" => site.kwarg("fallback_location"),
            _ => site.arg(0),
        };
        if let Some((e, v)) = target
            && !host_is_fixed(v)
            && !route_keeps_host(e)
            && !merged_in_place_to_keep_host(cx, e, site.span.start)
        {
            cx.flow(site.span, v, sink::REDIRECT, accept::REQUEST);
        }
    }
}

/// `params.merge!(only_path: true)` (or a `host:` the program chose) earlier in the
/// function, then `redirect_to params`: the hash itself was changed so that its route
/// stays on this site.
fn merged_in_place_to_keep_host(cx: &Cx<'_, '_>, target: &Expr, before: u32) -> bool {
    let Some(name) = target.as_name() else {
        return false;
    };
    let mut found = false;
    for s in &cx.module().funcs[cx.func()].body {
        crate::rules::support::walk_stmt_exprs(s, &mut |e| {
            if e.span.end <= before
                && let Some(c) = e.as_call()
                && let ExprKind::Attr(recv, m) = &c.callee.kind
                && m == "merge!"
                && recv.as_name() == Some(name)
                && route_keeps_host(e)
            {
                found = true;
            }
        });
    }
    found
}

/// Keys of a `url_for` hash that choose the host of the URL.
const HOST_KEYS: &[&str] = &["host", "domain", "subdomain", "protocol", "port"];

/// A route hash or record list that cannot leave the site: an array of records
/// (`redirect_to [post, comment]` is a polymorphic route), a hash merged with
/// `only_path: true` or a `host:` the program chose (a constant, or read from a class),
/// or `params.permit(...)`/`params.slice(...)` of keys that
/// do not choose the host (`params.permit(:page, :sort)`), also passed through
/// `url_for`.
fn route_keeps_host(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::List(_) => true,
        // `url_for(params.permit(:page))`: the route of what it is given.
        ExprKind::Call(c) if c.callee.as_name() == Some("url_for") => {
            c.args.len() == 1 && c.args[0].name.is_none() && route_keeps_host(&c.args[0].value)
        }
        ExprKind::Call(c) => {
            let ExprKind::Attr(_, m) = &c.callee.kind else {
                return false;
            };
            match m.as_str() {
                "merge" | "merge!" => c.args.iter().any(|a| match a.name.as_deref() {
                    Some("only_path") => matches!(a.value.kind, ExprKind::Bool(true)),
                    Some("host") => {
                        a.value.as_str().is_some() || crate::rules::support::from_constant(&a.value)
                    }
                    _ => false,
                }),
                "permit" | "slice" => {
                    !c.args.is_empty()
                        && c.args.iter().all(|a| {
                            a.name.is_none()
                                && a.value.as_str().is_some_and(|k| !HOST_KEYS.contains(&k))
                        })
                }
                _ => false,
            }
        }
        _ => false,
    }
}

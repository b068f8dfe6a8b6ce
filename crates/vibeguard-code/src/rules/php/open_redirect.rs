use crate::check::{CallSite, Cx, Rule, RuleMeta, accept, sink};
use crate::ir::{BinOp, Expr, ExprKind};
use crate::rule_doc;
use crate::rules::support::host_is_fixed;
use crate::syntax::Family;
use vibeguard_core::{Confidence, Severity};

rule_doc! {
    /// ## What it does
    /// Flags a `Location` header (`header("Location: " . $url)`, PSR-7
    /// `$response->withHeader('Location', $url)`) and framework redirects (Laravel's and
    /// CodeIgniter's `redirect($url)`, `redirect()->to($url)`, `new RedirectResponse($url)`,
    /// a controller's `$this->redirect($url)` in Symfony, CakePHP and Yii, WordPress's
    /// `wp_redirect($url)`)
    /// to a URL from the request, unless the program checked that it is a path on this
    /// site (`/` but not `//`) or fixed its host. The script's own path
    /// (`$_SERVER['PHP_SELF']`, `SCRIPT_NAME`), and the request path after a host the
    /// program wrote (`"Location: https://example.com" . $_SERVER['REQUEST_URI']`), stay
    /// on a known site.
    ///
    /// ## Why is this bad?
    /// A link to a trusted site that bounces the visitor to a look-alike login page is a
    /// phishing tool (open redirect, CWE-601).
    ///
    /// ## Example
    /// ```php
    /// header("Location: " . $_GET["next"]);
    /// ```
    ///
    /// ## Use instead
    /// ```php
    /// $next = $_GET["next"] ?? "/";
    /// if (!preg_match('#^/[^/\\\\]#', $next)) {
    ///     $next = "/";
    /// }
    /// header("Location: " . $next);
    /// ```
    PhpOpenRedirect
}

static META: RuleMeta = RuleMeta {
    id: "php/open-redirect",
    title: "Redirect to a URL from input",
    cwe: &[601],
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    message: "redirect to a URL from the request; allow only paths on this site or known hosts",
    family: Family::Php,
    keywords: &["Location", "redirect", "Redirect"],
    calls: &[
        "header",
        "redirect",
        "wp_redirect",
        "to",
        "away",
        "RedirectResponse",
        "withHeader",
        "withAddedHeader",
    ],
    on: 0,
};

impl Rule for PhpOpenRedirect {
    crate::rule_meta!(META);
    fn call(&self, cx: &mut Cx<'_, '_>, site: &CallSite<'_>) {
        let arg = match site.name {
            "header" if site.recv.is_none() => site.arg(0).filter(|(_, v)| {
                v.prefix
                    .as_deref()
                    .is_some_and(|p| p.trim_start().to_ascii_lowercase().starts_with("location:"))
            }),
            // Laravel's and CodeIgniter's `redirect($url)`, WordPress's `wp_redirect`
            // (`wp_safe_redirect` keeps to allowed hosts).
            "redirect" | "wp_redirect" if site.recv.is_none() => site.arg(0),
            // PSR-7 (Slim, Mezzio): `$response->withHeader('Location', $url)`.
            "withHeader" | "withAddedHeader"
                if site
                    .recv
                    .is_some_and(|r| r.is_obj(&crate::flow::value::ObjKind::Response))
                    && site
                        .arg_val(0)
                        .and_then(|v| v.const_str())
                        .is_some_and(|h| h.eq_ignore_ascii_case("location")) =>
            {
                site.arg(1)
            }
            // Symfony's AbstractController::redirect($url) in a controller method.
            "redirect"
                if matches!(&site.call.callee.kind,
                    ExprKind::Attr(b, _) if b.as_name() == Some("this")) =>
            {
                site.arg(0)
            }
            "to" | "away" if site.recv.is_some() && cx.whole_text().contains("redirect()") => {
                site.arg(0)
            }
            "RedirectResponse" if site.call.is_new => site.arg(0),
            _ => None,
        };
        let Some((e, v)) = arg else { return };
        if server_path_after_host(e) || base_before_input(cx, e) {
            return;
        }
        // "Location: https://example.com/..." fixes the host after the header name.
        let fixed = v.prefix.as_deref().is_some_and(|p| {
            let rest = p.trim_start();
            let rest = if rest.to_ascii_lowercase().starts_with("location:") {
                rest[9..].trim_start()
            } else {
                rest
            };
            crate::flow::guards_fixes_host(rest)
        });
        if fixed || host_is_fixed(v) {
            return;
        }
        cx.flow(site.span, v, sink::REDIRECT, accept::REQUEST);
    }
}

/// The parts of a `.` concatenation, left to right.
fn concat_parts<'a>(e: &'a Expr, out: &mut Vec<&'a Expr>) {
    match &e.kind {
        ExprKind::Binary(BinOp::Add, l, r) => {
            concat_parts(l, out);
            concat_parts(r, out);
        }
        _ => out.push(e),
    }
}

/// `"Location: " . $_SERVER['PHP_SELF']`, `"Location: https://example.com" .
/// $_SERVER['REQUEST_URI']`: the server fills in a path that starts with `/` (the
/// script's own path for `PHP_SELF`/`SCRIPT_NAME`), after a host the program wrote or
/// none, so the redirect stays on a known site. (`REQUEST_URI` alone may be `//evil`.)
fn server_path_after_host(e: &Expr) -> bool {
    let mut parts = Vec::new();
    concat_parts(e, &mut parts);
    let mut lit = String::new();
    let mut rest = parts.iter();
    let next = loop {
        match rest.next() {
            Some(p) => match p.as_str() {
                Some(t) => lit.push_str(t),
                None => break *p,
            },
            None => return false,
        }
    };
    let lit = lit.trim_start();
    let lit = match lit.get(..9) {
        Some(h) if h.eq_ignore_ascii_case("location:") => lit[9..].trim_start(),
        _ => lit,
    };
    let ExprKind::Index(obj, key) = &next.kind else {
        return false;
    };
    if !matches!(&obj.kind, ExprKind::Name(n) if n == "$_SERVER") {
        return false;
    }
    let host_written = lit.contains("://") && crate::flow::guards_fixes_host(&format!("{lit}/"));
    match key.as_str() {
        Some("PHP_SELF" | "SCRIPT_NAME") => lit.is_empty() || host_written,
        Some("REQUEST_URI") => host_written,
        _ => false,
    }
}

/// `'Location: ' . $baseUrl . $_SERVER['REQUEST_URI']`: the URL starts with a value the
/// program chose (a configured base, not request data and not a constant empty string),
/// so the input after it cannot pick the host.
fn base_before_input(cx: &Cx<'_, '_>, e: &Expr) -> bool {
    let mut parts = Vec::new();
    concat_parts(e, &mut parts);
    let Some(i) = parts.iter().position(|p| p.as_str().is_none()) else {
        return false;
    };
    // A variable or constant, an element of a configuration array or a property
    // (`$config['base_url']`, `$this->baseUrl`), whose value the engine knows here,
    // followed by more.
    if i + 1 >= parts.len()
        || !matches!(
            parts[i].kind,
            ExprKind::Name(_) | ExprKind::Index(..) | ExprKind::Attr(..)
        )
    {
        return false;
    }
    // An element or property: the container must be one the program filled (not a
    // superglobal, nor a variable holding request data).
    let mut root = parts[i];
    while let ExprKind::Index(b, _) | ExprKind::Attr(b, _) = &root.kind {
        root = b;
    }
    if !std::ptr::eq(root, parts[i]) {
        let Some(name) = root.as_name() else {
            return false;
        };
        if name.starts_with("$_")
            || name == "GLOBALS"
            || cx.has_input(&cx.value_of(root), sink::REDIRECT, accept::INPUT)
        {
            return false;
        }
    }
    let base = cx.value_of(parts[i]);
    !base
        .const_str()
        .is_some_and(|s| s.is_empty() || !crate::flow::guards_fixes_host(s))
        && !cx.has_input(&base, sink::REDIRECT, accept::INPUT)
        && !base.built
}

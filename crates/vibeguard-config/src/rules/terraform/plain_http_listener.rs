use super::resources;
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags load balancers and front ends that serve plain HTTP instead of redirecting
    /// to HTTPS: `aws_lb_listener`/`aws_alb_listener` on `HTTP` whose default action is
    /// not a redirect, classic ELB listeners on `http`, CloudFront with
    /// `viewer_protocol_policy = "allow-all"`, and Azure storage accounts or apps with
    /// HTTPS-only turned off.
    ///
    /// ## Why is this bad?
    /// Everything sent over plain HTTP (session cookies, tokens, form data) can be read
    /// and changed by anyone on the network path (CWE-319).
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_lb_listener" "web" {
    ///   port     = 80
    ///   protocol = "HTTP"
    ///   default_action {
    ///     type             = "forward"
    ///     target_group_arn = aws_lb_target_group.web.arn
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```hcl
    /// resource "aws_lb_listener" "web" {
    ///   port     = 80
    ///   protocol = "HTTP"
    ///   default_action {
    ///     type = "redirect"
    ///     redirect {
    ///       port        = "443"
    ///       protocol    = "HTTPS"
    ///       status_code = "HTTP_301"
    ///     }
    ///   }
    /// }
    /// ```
    PlainHttpListener {
        id: "terraform/plain-http-listener",
        title: "Plain HTTP listener",
        cwe: [319],
        severity: Medium,
        confidence: High,
        kinds: [Terraform],
        message: "serves plain HTTP: redirect to HTTPS",
    }
}

impl Check for PlainHttpListener {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for b in resources(f, &["aws_lb_listener", "aws_alb_listener"]) {
            let Some(p) = b.body.get("protocol") else {
                continue;
            };
            if !p.text().is_some_and(|t| t.eq_ignore_ascii_case("HTTP")) {
                continue;
            }
            let redirects = b.body.each("default_action").iter().any(|a| {
                a.get("type").and_then(|t| t.text()) == Some("redirect")
                    || a.get("type").and_then(|t| t.text()) == Some("fixed-response")
            });
            if !redirects {
                out.push(Hit::at(p.span.clone()).message(format!(
                    "`{}` serves plain HTTP: make its default action a redirect to HTTPS",
                    b.address()
                )));
            }
        }
        for b in resources(f, &["aws_elb"]) {
            for l in b.body.each("listener") {
                if let Some(p) = l.get("lb_protocol")
                    && p.text().is_some_and(|t| t.eq_ignore_ascii_case("http"))
                {
                    out.push(
                        Hit::at(p.span.clone())
                            .message(format!("`{}` has a plain HTTP listener", b.address())),
                    );
                }
            }
        }
        for b in resources(f, &["aws_cloudfront_distribution"]) {
            for key in ["default_cache_behavior", "ordered_cache_behavior"] {
                for cb in b.body.each(key) {
                    if let Some(v) = cb.get("viewer_protocol_policy")
                        && v.text() == Some("allow-all")
                    {
                        out.push(Hit::at(v.span.clone()).message(format!(
                            "`{}` serves viewers over plain HTTP (`allow-all`): use `redirect-to-https`",
                            b.address()
                        )));
                    }
                }
            }
        }
        for b in resources(
            f,
            &[
                "azurerm_storage_account",
                "azurerm_app_service",
                "azurerm_linux_web_app",
                "azurerm_windows_web_app",
                "azurerm_function_app",
                "azurerm_linux_function_app",
                "azurerm_windows_function_app",
            ],
        ) {
            for key in [
                "enable_https_traffic_only",
                "https_traffic_only_enabled",
                "https_only",
            ] {
                if let Some(v) = b.body.get(key)
                    && v.is_false()
                {
                    out.push(Hit::at(v.span.clone()).message(format!(
                        "`{}` sets `{key} = false` and accepts plain HTTP",
                        b.address()
                    )));
                }
            }
        }
    }
}

use super::{is_world, parse_port_spec, port_range, resources, sensitive_range, strings};
use crate::rule::{Check, File, Hit};
use crate::tree::Node;

crate::config_rule! {
    /// ## What it does
    /// Flags firewall rules that let anyone (`0.0.0.0/0`, `::/0`, `*`, `Internet`) reach
    /// remote administration ports (SSH, RDP, VNC, WinRM, Docker, Kubernetes), database
    /// and cache ports, or every port: AWS security groups and their rule resources,
    /// network ACL rules, Google Compute firewalls, Azure network security rules.
    /// Variables, locals and defaults are resolved where they are literal.
    ///
    /// ## Why is this bad?
    /// Internet-wide scanners find an open SSH, RDP or database port within minutes and
    /// start guessing passwords or exploiting the service; a database listening to the
    /// world is one weak password away from a breach (CWE-284, CWE-668).
    ///
    /// ## Example
    /// ```hcl
    /// ingress {
    ///   from_port   = 22
    ///   to_port     = 22
    ///   protocol    = "tcp"
    ///   cidr_blocks = ["0.0.0.0/0"]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```hcl
    /// ingress {
    ///   from_port   = 22
    ///   to_port     = 22
    ///   protocol    = "tcp"
    ///   cidr_blocks = [var.office_cidr]   # or use SSM Session Manager / IAP, no SSH at all
    /// }
    /// ```
    OpenIngress {
        id: "terraform/open-ingress",
        title: "Administration or database port open to the internet",
        cwe: [284, 668],
        severity: High,
        confidence: High,
        kinds: [Terraform],
        message: "a firewall rule opens an administration or database port to the whole internet",
    }
}

fn world_source<'a>(nodes: &[&'a Node]) -> Option<&'a Node> {
    nodes
        .iter()
        .copied()
        .find(|n| n.text().is_some_and(is_world))
}

fn aws_rule(rule: &Node, out: &mut Vec<Hit>, what: &str) {
    let mut sources = strings(rule.get("cidr_blocks"));
    sources.extend(strings(rule.get("ipv6_cidr_blocks")));
    sources.extend(strings(rule.get("cidr_ipv4")));
    sources.extend(strings(rule.get("cidr_ipv6")));
    sources.extend(strings(rule.get("cidr_block")));
    let Some(src) = world_source(&sources) else {
        return;
    };
    let proto = rule
        .get("protocol")
        .or_else(|| rule.get("ip_protocol"))
        .and_then(|p| p.text())
        .unwrap_or("tcp");
    let range = if proto == "-1" || proto.eq_ignore_ascii_case("all") {
        Some((0, 65535))
    } else {
        port_range(rule.get("from_port"), rule.get("to_port"))
    };
    let Some((lo, hi)) = range else { return };
    if let Some(why) = sensitive_range(lo, hi) {
        out.push(Hit::at(src.span.clone()).message(format!(
            "{what} opens {why} to {}: allow only known address ranges",
            src.text().unwrap_or("the internet")
        )));
    }
}

impl Check for OpenIngress {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for b in resources(f, &["aws_security_group", "aws_default_security_group"]) {
            for ing in b.body.each("ingress") {
                aws_rule(ing, out, &format!("`{}`", b.address()));
            }
        }
        for b in resources(f, &["aws_security_group_rule"]) {
            if b.body.get("type").and_then(|t| t.text()) == Some("ingress") {
                aws_rule(&b.body, out, &format!("`{}`", b.address()));
            }
        }
        for b in resources(f, &["aws_vpc_security_group_ingress_rule"]) {
            aws_rule(&b.body, out, &format!("`{}`", b.address()));
        }
        for b in resources(f, &["aws_network_acl_rule"]) {
            let egress = b.body.get("egress").is_some_and(|e| e.is_true());
            let allow = b
                .body
                .get("rule_action")
                .and_then(|a| a.text())
                .is_some_and(|a| a.eq_ignore_ascii_case("allow"));
            if !egress && allow {
                aws_rule(&b.body, out, &format!("`{}`", b.address()));
            }
        }
        for b in resources(f, &["google_compute_firewall"]) {
            let dir = b
                .body
                .get("direction")
                .and_then(|d| d.text())
                .unwrap_or("INGRESS");
            if !dir.eq_ignore_ascii_case("INGRESS") {
                continue;
            }
            let sources = strings(b.body.get("source_ranges"));
            let Some(src) = world_source(&sources) else {
                continue;
            };
            for allow in b.body.each("allow") {
                let proto = allow.get("protocol").and_then(|p| p.text()).unwrap_or("");
                let ports = strings(allow.get("ports"));
                let ranges: Vec<(u32, u32)> = if ports.is_empty() || proto == "all" {
                    vec![(0, 65535)]
                } else {
                    ports
                        .iter()
                        .filter_map(|p| parse_port_spec(p.text()?))
                        .collect()
                };
                if let Some(why) = ranges.iter().find_map(|(lo, hi)| sensitive_range(*lo, *hi)) {
                    out.push(Hit::at(src.span.clone()).message(format!(
                        "`{}` opens {why} to {}: allow only known address ranges",
                        b.address(),
                        src.text().unwrap_or("")
                    )));
                    break;
                }
            }
        }
        let azure_rule = |rule: &Node, what: String, out: &mut Vec<Hit>| {
            let dir = rule.get("direction").and_then(|d| d.text()).unwrap_or("");
            let access = rule.get("access").and_then(|d| d.text()).unwrap_or("");
            if !dir.eq_ignore_ascii_case("inbound") || !access.eq_ignore_ascii_case("allow") {
                return;
            }
            let mut sources = strings(rule.get("source_address_prefix"));
            sources.extend(strings(rule.get("source_address_prefixes")));
            let Some(src) = world_source(&sources) else {
                return;
            };
            let mut ports = strings(rule.get("destination_port_range"));
            ports.extend(strings(rule.get("destination_port_ranges")));
            if let Some(why) = ports
                .iter()
                .filter_map(|p| parse_port_spec(p.text()?))
                .find_map(|(lo, hi)| sensitive_range(lo, hi))
            {
                out.push(Hit::at(src.span.clone()).message(format!(
                    "{what} opens {why} to {}: allow only known address ranges",
                    src.text().unwrap_or("")
                )));
            }
        };
        for b in resources(f, &["azurerm_network_security_rule"]) {
            azure_rule(&b.body, format!("`{}`", b.address()), out);
        }
        for b in resources(f, &["azurerm_network_security_group"]) {
            for r in b.body.each("security_rule") {
                azure_rule(r, format!("`{}`", b.address()), out);
            }
        }
    }
}

use vibeguard_code::lang::Lang;
use vibeguard_code::rule::{CodeFile, CodeRule, Hit, Meta};
use vibeguard_code::{code_rule, lazy_regex};
use vibeguard_core::{Confidence, Severity};

code_rule! {
    /// ## What it does
    /// Flags Terraform security-group ingress (`aws_security_group` ingress blocks,
    /// `aws_security_group_rule` of type ingress, `aws_vpc_security_group_ingress_rule`)
    /// open to `0.0.0.0/0` or `::/0` on SSH (22), RDP (3389), database ports, or all ports.
    ///
    /// ## Why is this bad?
    /// Administrative and database ports open to the whole internet are scanned within
    /// minutes and brute-forced or exploited (CWE-284).
    ///
    /// ## Example
    /// ```text
    /// resource "aws_security_group_rule" "ssh" {
    ///   type        = "ingress"
    ///   from_port   = 22
    ///   to_port     = 22
    ///   cidr_blocks = ["0.0.0.0/0"]
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```text
    ///   cidr_blocks = [var.office_cidr]   # or reach hosts through SSM / a bastion
    /// ```
    TerraformOpenIngress
}

static META: Meta = Meta {
    id: "terraform/open-ingress",
    title: "Ingress open to the internet on a sensitive port",
    cwe: &[284],
    severity: Severity::High,
    confidence: Confidence::Medium,
    message: "security group ingress open to the whole internet on an administrative or database port; restrict the source range",
    langs: &[Lang::Terraform],
    keywords: &["0.0.0.0/0", "::/0"],
};

/// Ports that must never face the internet.
const SENSITIVE: &[u32] = &[
    22, 23, 3389, 5432, 3306, 1433, 6379, 27017, 9200, 2375, 2379, 5900,
];

impl CodeRule for TerraformOpenIngress {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn doc(&self) -> &'static str {
        Self::DOC
    }
    fn check(&self, file: &CodeFile<'_>, out: &mut Vec<Hit>) {
        let open = lazy_regex!(r#"["'](?:0\.0\.0\.0/0|::/0)["']"#);
        let from = lazy_regex!(r"\bfrom_port\s*=\s*(\d+)");
        let to = lazy_regex!(r"\bto_port\s*=\s*(\d+)");
        let all = lazy_regex!(r#"\b(?:protocol|ip_protocol)\s*=\s*["'](?:-1|all)["']"#);
        let egress = lazy_regex!(r#"\btype\s*=\s*["']egress["']|(?m)^\s*egress\s*\{"#);
        for m in open.find_iter(file.text) {
            let block = enclosing_block(file.text, m.start());
            if egress.is_match(block) {
                continue;
            }
            let port = |re: &regex::Regex| {
                re.captures(block)
                    .and_then(|c| c.get(1))
                    .and_then(|p| p.as_str().parse::<u32>().ok())
            };
            let exposed = match (port(from), port(to)) {
                (Some(f), Some(t)) => {
                    (f == 0 && t >= 65535) || SENSITIVE.iter().any(|p| (f..=t).contains(p))
                }
                _ => all.is_match(block),
            };
            if exposed || all.is_match(block) {
                out.push(Hit {
                    start: m.start(),
                    end: m.end(),
                    fix: None,
                });
            }
        }
    }
}

/// The innermost `{ ... }` block around `at` (by brace counting), or the whole text.
fn enclosing_block(text: &str, at: usize) -> &str {
    let bytes = text.as_bytes();
    let mut depth = 0i32;
    let mut start = 0;
    for i in (0..at).rev() {
        match bytes[i] {
            b'}' => depth += 1,
            b'{' if depth == 0 => {
                // Include the block header (`egress {`, `resource "..." "..." {`).
                start = text[..i].rfind('\n').map_or(0, |p| p + 1);
                break;
            }
            b'{' => depth -= 1,
            _ => {}
        }
    }
    let mut depth = 0i32;
    let mut end = text.len();
    for (i, &b) in bytes.iter().enumerate().skip(at) {
        match b {
            b'{' => depth += 1,
            b'}' if depth == 0 => {
                end = i;
                break;
            }
            b'}' => depth -= 1,
            _ => {}
        }
    }
    &text[start..end]
}

//! URL classification: cloud metadata endpoints (however the address is spelled:
//! decimal, hex, octal, IPv4-mapped IPv6) and private or loopback addresses.

use crate::cmd::Out;
use crate::rules::{
    fetch_cloud_metadata::FetchCloudMetadata, fetch_private_address::FetchPrivateAddress,
};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use vibeguard_core::{GateFinding, Tier};

/// The host part of a URL or `host[:port][/path]` text, lowercased, without brackets.
pub fn host_of(url: &str) -> Option<String> {
    let u = url.trim();
    let rest = match u.find("://") {
        Some(i) => &u[i + 3..],
        None => u,
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let hostport = authority.rsplit('@').next().unwrap_or(authority);
    let host = if let Some(h) = hostport.strip_prefix('[') {
        h.split(']').next().unwrap_or(h)
    } else if hostport.matches(':').count() > 1 {
        hostport
    } else {
        hostport.split(':').next().unwrap_or(hostport)
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if host.is_empty() { None } else { Some(host) }
}

/// IPv4 the way `inet_aton` reads it: `2852039166`, `0xA9FEA9FE`, `0251.0376.0251.0376`.
fn parse_v4_loose(h: &str) -> Option<Ipv4Addr> {
    if let Ok(ip) = h.parse::<Ipv4Addr>() {
        return Some(ip);
    }
    let parts: Vec<&str> = h.split('.').collect();
    if parts.is_empty() || parts.len() > 4 {
        return None;
    }
    let num = |p: &str| -> Option<u64> {
        if let Some(x) = p.strip_prefix("0x").or_else(|| p.strip_prefix("0X")) {
            u64::from_str_radix(x, 16).ok()
        } else if p.len() > 1 && p.starts_with('0') {
            u64::from_str_radix(&p[1..], 8).ok()
        } else {
            p.parse().ok()
        }
    };
    let nums: Option<Vec<u64>> = parts.iter().map(|p| num(p)).collect();
    let nums = nums?;
    let v: u64 = match nums.len() {
        1 => nums[0],
        2 => (nums[0] << 24) | nums[1],
        3 => (nums[0] << 24) | (nums[1] << 16) | nums[2],
        _ => (nums[0] << 24) | (nums[1] << 16) | (nums[2] << 8) | nums[3],
    };
    u32::try_from(v).ok().map(Ipv4Addr::from)
}

fn ip_of(host: &str) -> Option<IpAddr> {
    if let Ok(v6) = host.parse::<Ipv6Addr>() {
        if let Some(v4) = v6.to_ipv4_mapped() {
            return Some(IpAddr::V4(v4));
        }
        return Some(IpAddr::V6(v6));
    }
    if host
        .chars()
        .all(|c| c.is_ascii_hexdigit() || c == '.' || c == 'x' || c == 'X')
    {
        return parse_v4_loose(host).map(IpAddr::V4);
    }
    None
}

fn is_metadata(host: &str, ip: Option<IpAddr>) -> bool {
    if matches!(
        host,
        "metadata.google.internal"
            | "metadata.goog"
            | "metadata"
            | "instance-data"
            | "instance-data.ec2.internal"
            | "metadata.azure.com"
    ) {
        return true;
    }
    match ip {
        Some(IpAddr::V4(v4)) => matches!(
            v4.octets(),
            [169, 254, 169, 254] | [169, 254, 170, 2] | [100, 100, 100, 200] | [169, 254, 169, 123]
        ),
        Some(IpAddr::V6(v6)) => {
            v6 == "fd00:ec2::254"
                .parse::<Ipv6Addr>()
                .unwrap_or(Ipv6Addr::UNSPECIFIED)
        }
        None => false,
    }
}

/// This machine: `localhost`, `*.localhost`, 127.0.0.0/8, `::1`, `0.0.0.0`. Fetching
/// the project's own dev server there is everyday work.
fn is_loopback(host: &str, ip: Option<IpAddr>) -> bool {
    if host == "localhost" || host.ends_with(".localhost") {
        return true;
    }
    match ip {
        Some(IpAddr::V4(v4)) => v4.is_loopback() || v4.is_unspecified(),
        Some(IpAddr::V6(v6)) => v6.is_loopback() || v6.is_unspecified(),
        None => false,
    }
}

/// Link-local addresses (169.254.0.0/16, fe80::/10): where clouds put their metadata
/// and instance services, never a development server.
fn is_link_local(ip: Option<IpAddr>) -> bool {
    match ip {
        Some(IpAddr::V4(v4)) => v4.is_link_local(),
        Some(IpAddr::V6(v6)) => (v6.segments()[0] & 0xffc0) == 0xfe80,
        None => false,
    }
}

fn is_private(host: &str, ip: Option<IpAddr>) -> bool {
    if host == "localhost"
        || host.ends_with(".localhost")
        || host.ends_with(".local")
        || host.ends_with(".internal")
    {
        return true;
    }
    match ip {
        Some(IpAddr::V4(v4)) => {
            let o = v4.octets();
            v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || (o[0] == 100 && (64..128).contains(&o[1]))
        }
        Some(IpAddr::V6(v6)) => {
            let s = v6.segments();
            v6.is_loopback()
                || v6.is_unspecified()
                || (s[0] & 0xfe00) == 0xfc00
                || (s[0] & 0xffc0) == 0xfe80
        }
        None => false,
    }
}

/// Whether the URL's host is this machine or a private network address
/// (`localhost:3000`, `10.0.0.5`, `api.internal`).
pub fn is_local(url: &str) -> bool {
    host_of(url).is_some_and(|h| is_private(&h, ip_of(&h)))
}

/// Findings for one URL. `in_command` is set for URLs inside shell commands, where
/// private addresses (`curl localhost:3000`) are everyday development and not reported.
pub fn classify(url: &str, in_command: bool) -> Vec<GateFinding> {
    let mut out = Out::default();
    let Some(host) = host_of(url) else {
        return out.findings;
    };
    if host.len() > 255 {
        return out.findings;
    }
    let ip = ip_of(&host);
    if is_metadata(&host, ip) || is_link_local(ip) {
        out.add(
            FetchCloudMetadata::ID,
            Tier::High,
            format!("the request goes to the cloud metadata service ({host}), which hands out the machine's cloud credentials"),
            "the agent does not need instance credentials; use the SDK's normal credential chain in the application",
        );
    } else if !in_command && !is_loopback(&host, ip) && is_private(&host, ip) {
        out.add(
            FetchPrivateAddress::ID,
            Tier::Medium,
            format!("the request goes to a private or local address ({host})"),
            "fetch public URLs; test local services with the project's own test commands",
        );
    }
    out.findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(u: &str) -> Vec<String> {
        classify(u, false).into_iter().map(|f| f.rule_id).collect()
    }

    #[test]
    fn metadata_in_any_spelling() {
        for u in [
            "http://169.254.169.254/latest/meta-data/",
            "http://2852039166/",
            "http://0xA9FEA9FE/",
            "http://0251.0376.0251.0376/",
            "http://[fd00:ec2::254]/latest",
            "http://[::ffff:169.254.169.254]/",
            "http://metadata.google.internal/computeMetadata/v1/",
            "http://user@169.254.169.254:80/",
        ] {
            assert_eq!(ids(u), vec!["gate/fetch-cloud-metadata"], "{u}");
        }
    }

    #[test]
    fn private_and_public() {
        // the project's own dev server on loopback is everyday work
        assert!(ids("http://127.0.0.1:8080/").is_empty());
        assert!(ids("http://localhost:3000").is_empty());
        assert!(ids("http://[::1]/").is_empty());
        assert!(ids("http://app.localhost:5173/").is_empty());
        assert_eq!(
            ids("http://192.168.1.1/admin"),
            vec!["gate/fetch-private-address"]
        );
        assert_eq!(ids("http://10.0.0.5/"), vec!["gate/fetch-private-address"]);
        // link-local stays denied like the metadata address
        assert_eq!(
            ids("http://169.254.10.1/"),
            vec!["gate/fetch-cloud-metadata"]
        );
        assert_eq!(ids("http://[fe80::1]/"), vec!["gate/fetch-cloud-metadata"]);
        assert!(ids("https://docs.rs/regex").is_empty());
        assert!(ids("https://8.8.8.8/").is_empty());
        assert!(ids("").is_empty());
        assert!(classify("http://localhost:3000", true).is_empty());
    }
}

//! gate/cloud-resource-delete

use crate::cmd::{Cmd, Out};
use vibeguard_core::Tier;

gate_rule! {
    /// ## What it does
    /// Flags cloud CLI commands that delete or terminate resources: `aws ... delete-*`,
    /// `terminate-*`, `aws s3 rm --recursive`, `aws s3 rb`, `gcloud ... delete`,
    /// `gcloud storage rm -r` (or on a whole bucket), `gsutil rm -r`, `gsutil rb`,
    /// `az ... delete`, `az storage blob delete-batch`, `doctl ... delete`, `fly apps destroy`,
    /// `heroku apps:destroy`, `vercel remove`, `supabase db reset`, `firebase ... delete`,
    /// `gh repo delete`, `npm unpublish`.
    ///
    /// ## Why is this bad?
    /// Cloud deletions take effect immediately on shared resources and usually delete the
    /// data with them; most have no undo.
    ///
    /// ## Example
    /// ```text
    /// aws s3 rm s3://prod-backups --recursive
    /// gcloud sql instances delete main-db
    /// ```
    ///
    /// ## Use instead
    /// Describe what should be deleted and let a person do it from the console, or
    /// through reviewed infrastructure code.
    CloudResourceDelete {
        id: "gate/cloud-resource-delete",
        title: "Cloud resource deleted",
        tier: High,
        cwe: [],
    }
}

pub fn check(c: &Cmd, out: &mut Out) {
    let a: Vec<&str> = c.strs().filter(|x| !x.starts_with('-')).collect();
    let recursive = c
        .strs()
        .any(|x| x == "--recursive" || x == "-r" || x == "-R");
    let hit = match c.name {
        "aws" => {
            a.iter().any(|x| {
                x.starts_with("delete-")
                    || x.starts_with("terminate-")
                    || x.starts_with("deregister-")
                    || *x == "purge-queue"
            }) || (a.first() == Some(&"s3")
                && (a.get(1) == Some(&"rb") || (a.get(1) == Some(&"rm") && recursive)))
        }
        "gcloud" => {
            (a.contains(&"delete") && !a.contains(&"add-iam-policy-binding"))
                || storage_delete(&a, recursive)
        }
        "gsutil" => {
            a.first().is_some_and(|x| *x == "rm" || *x == "rb")
                && (recursive || a.first() == Some(&"rb"))
        }
        "az" => {
            a.iter()
                .any(|x| *x == "delete" || *x == "purge" || *x == "delete-batch")
                && !(a.contains(&"role") && a.contains(&"assignment"))
        }
        "doctl" | "linode-cli" | "hcloud" | "scw" => {
            a.iter().any(|x| matches!(*x, "delete" | "destroy" | "rm"))
        }
        "fly" | "flyctl" => a.iter().any(|x| matches!(*x, "destroy" | "delete")),
        "heroku" => a
            .iter()
            .any(|x| x.ends_with(":destroy") || *x == "pg:reset"),
        "vercel" | "netlify" => a.iter().any(|x| matches!(*x, "remove" | "rm" | "delete")),
        "supabase" => a.windows(2).any(|w| w == ["db", "reset"]) || a.contains(&"delete"),
        "firebase" => a.iter().any(|x| x.ends_with(":delete")) || a.contains(&"delete"),
        "gh" => {
            a.windows(2).any(|w| w[0] == "repo" && w[1] == "delete")
                || a.windows(2).any(|w| w[0] == "release" && w[1] == "delete")
        }
        "npm" | "pnpm" | "yarn" => a.first() == Some(&"unpublish"),
        "wrangler" => a.contains(&"delete"),
        _ => false,
    };
    if hit {
        out.add(
            CloudResourceDelete::ID,
            Tier::High,
            format!(
                "{} deletes cloud resources (and usually their data) immediately",
                c.name
            ),
            "describe the deletion and let a person carry it out",
        );
    }
}

/// `gcloud storage rm -r gs://...`, `gcloud storage rm gs://bucket/**` (or `alpha
/// storage`): removes every object under a prefix; `gcloud storage buckets delete` is
/// caught by the plain `delete` test.
fn storage_delete(a: &[&str], recursive: bool) -> bool {
    let Some(i) = a.iter().position(|x| *x == "storage") else {
        return false;
    };
    match a.get(i + 1) {
        Some(&"rm") => {
            recursive
                || a[i + 2..]
                    .iter()
                    .any(|x| x.ends_with("/**") || x.ends_with("/*") || is_bucket_root(x))
        }
        Some(&"rb") => true,
        _ => false,
    }
}

/// `gs://bucket` or `gs://bucket/` with no object path: the whole bucket.
fn is_bucket_root(url: &str) -> bool {
    url.strip_prefix("gs://")
        .is_some_and(|rest| !rest.trim_end_matches('/').contains('/'))
}

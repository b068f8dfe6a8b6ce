use super::{is_world, resources};
use crate::rule::{Check, File, Hit};

crate::config_rule! {
    /// ## What it does
    /// Flags databases reachable from the internet: RDS instances and cluster instances,
    /// Redshift clusters and DMS instances with `publicly_accessible = true`; Cloud SQL
    /// with an authorized network of `0.0.0.0/0`; Azure SQL, PostgreSQL and MySQL
    /// firewall rules that span every address, and servers with public network access
    /// explicitly on.
    ///
    /// ## Why is this bad?
    /// A public endpoint turns every weak or leaked password, and every unpatched
    /// database bug, into a remote breach; scanners probe database ports continuously
    /// (CWE-668, CWE-284).
    ///
    /// ## Example
    /// ```hcl
    /// resource "aws_db_instance" "main" {
    ///   publicly_accessible = true
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```hcl
    /// resource "aws_db_instance" "main" {
    ///   publicly_accessible    = false
    ///   db_subnet_group_name   = aws_db_subnet_group.private.name
    ///   vpc_security_group_ids = [aws_security_group.db.id]
    /// }
    /// ```
    PublicDatabase {
        id: "terraform/public-database",
        title: "Database reachable from the internet",
        cwe: [668, 284],
        severity: High,
        confidence: High,
        kinds: [Terraform],
        message: "the database is reachable from the internet",
    }
}

impl Check for PublicDatabase {
    fn run(&self, f: &File<'_>, out: &mut Vec<Hit>) {
        for b in resources(
            f,
            &[
                "aws_db_instance",
                "aws_rds_cluster_instance",
                "aws_redshift_cluster",
                "aws_dms_replication_instance",
            ],
        ) {
            if let Some(v) = b.body.get("publicly_accessible")
                && v.is_true()
            {
                out.push(Hit::at(v.span.clone()).message(format!(
                    "`{}` sets `publicly_accessible = true`: keep databases in private subnets",
                    b.address()
                )));
            }
        }
        for b in resources(f, &["google_sql_database_instance"]) {
            for s in b.body.each("settings") {
                for ip in s.each("ip_configuration") {
                    for net in ip.each("authorized_networks") {
                        if let Some(v) = net.get("value")
                            && v.text().is_some_and(is_world)
                        {
                            out.push(Hit::at(v.span.clone()).message(format!(
                                "`{}` authorizes `{}`: every address can connect",
                                b.address(),
                                v.text().unwrap_or("")
                            )));
                        }
                    }
                }
            }
        }
        for b in resources(
            f,
            &[
                "azurerm_sql_firewall_rule",
                "azurerm_mssql_firewall_rule",
                "azurerm_postgresql_firewall_rule",
                "azurerm_mysql_firewall_rule",
                "azurerm_mariadb_firewall_rule",
                "azurerm_postgresql_flexible_server_firewall_rule",
                "azurerm_mysql_flexible_server_firewall_rule",
            ],
        ) {
            let start = b.body.get("start_ip_address").and_then(|x| x.text());
            let end = b.body.get("end_ip_address").and_then(|x| x.text());
            if start == Some("0.0.0.0") && end == Some("255.255.255.255") {
                let at = b
                    .body
                    .get("end_ip_address")
                    .map_or(b.head.clone(), |x| x.span.clone());
                out.push(Hit::at(at).message(format!(
                    "`{}` allows every address on the internet to connect",
                    b.address()
                )));
            }
        }
        for b in resources(
            f,
            &[
                "azurerm_sql_server",
                "azurerm_mssql_server",
                "azurerm_postgresql_server",
                "azurerm_mysql_server",
                "azurerm_mariadb_server",
                "azurerm_cosmosdb_account",
            ],
        ) {
            if let Some(v) = b.body.get("public_network_access_enabled")
                && v.is_true()
            {
                out.push(
                    Hit::at(v.span.clone())
                        .message(format!("`{}` enables public network access", b.address())),
                );
            }
        }
    }
}

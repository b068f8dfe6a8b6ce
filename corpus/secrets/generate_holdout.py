#!/usr/bin/env python3
"""Generate the held-out split of the secrets corpus: holdout/files/** and holdout/labels.jsonl.

The main corpus (generate.py) is what the secrets engine is tuned against, so its score
says little about code the engine has never seen. This split uses another seed, other
languages and config formats, and credential shapes and look-alikes that the main corpus
does not contain. Its first measurement (BENCHMARKS.md, with the commit it was taken at)
is the honest estimate of how the engine generalises; once rules are tuned on it, it becomes
one more regression set and a new held-out split is due.

Same label format and scoring as the main corpus:
  python3 corpus/secrets/generate_holdout.py
  python3 corpus/secrets/score.py --corpus corpus/secrets/holdout
"""

from __future__ import annotations

import base64
import string

import generate as g
from generate import (ALNUM, HEX, B64, URLSAFE, rs, uuid4, git_sha, sha256_hex, human_password,
                      strong_password, alnum_secret, hex_secret, b64_secret)

HOLDOUT_SEED = 7_340_211
g.R.seed(HOLDOUT_SEED)
g.DOCS.clear()
R = g.R
doc = g.doc
HERE = g.HERE / "holdout"

# Assignment shapes of languages and formats the main corpus does not use.
NEW_ASSIGN = {
    "c": lambda n, v: f'#define {g.snake(n).upper()} "{g.esc(v)}"',
    "dart": lambda n, v: f"  static const String {g.camel(g.snake(n))} = '{v}';",
    "exs": lambda n, v: f'  {g.snake(n)}: "{g.esc(v)}",',
    "scala": lambda n, v: f'  val {g.camel(g.snake(n))}: String = "{g.esc(v)}"',
    "pl": lambda n, v: f"my ${g.snake(n)} = '{v}';",
    "lua": lambda n, v: f'  {g.snake(n)} = "{g.esc(v)}",',
    "make": lambda n, v: f"{g.snake(n).upper()} ?= {v.replace('$', '$$')}",
    "systemd": lambda n, v: f'Environment="{g.snake(n).upper()}={v}"',
    "gradle": lambda n, v: f"{g.camel(g.snake(n))}={v}",
    "hcl": lambda n, v: f'    {g.snake(n).upper()} = "{g.esc(v)}"',
    "pydict": lambda n, v: f'    "{g.snake(n)}": "{g.esc(v)}",',
    "jsobj": lambda n, v: f"    {g.camel(g.snake(n))}: '{v}',",
}

NEW_LOOKUP = {
    "c": lambda n: f'    const char *{g.snake(n)} = getenv("{g.snake(n).upper()}");',
    "dart": lambda n: f"  static final {g.camel(g.snake(n))} = Platform.environment['{g.snake(n).upper()}'];",
    "exs": lambda n: f'  {g.snake(n)}: System.fetch_env!("{g.snake(n).upper()}"),',
    "scala": lambda n: f'  val {g.camel(g.snake(n))}: String = sys.env("{g.snake(n).upper()}")',
    "pl": lambda n: f"my ${g.snake(n)} = $ENV{{{g.snake(n).upper()}}};",
    "lua": lambda n: f'  {g.snake(n)} = os.getenv("{g.snake(n).upper()}"),',
    "make": lambda n: f"{g.snake(n).upper()} ?= $(shell cat .secrets/{g.snake(n)})",
    "systemd": lambda n: f"EnvironmentFile=/etc/acme/{g.snake(n)}.env",
    "gradle": lambda n: f"{g.camel(g.snake(n))}=${{env.{g.snake(n).upper()}}}",
    "hcl": lambda n: f'    {g.snake(n).upper()} = "{{{{ with secret "kv/data/app" }}}}{{{{ .Data.data.{g.snake(n)} }}}}{{{{ end }}}}"',
    "pydict": lambda n: f'    "{g.snake(n)}": os.environ.get("{g.snake(n).upper()}"),',
    "jsobj": lambda n: f"    {g.camel(g.snake(n))}: process.env['{g.snake(n).upper()}'],",
}

g.ASSIGN.update(NEW_ASSIGN)
g.ENV_LOOKUP.update(NEW_LOOKUP)

for lang, path, head, tail, counts in [
    ("c", "firmware/include/cloud_keys.h", ["#pragma once", ""], [], (4, 3, 4, 1)),
    ("dart", "mobile/flutter/lib/env.dart", ["class Env {"], ["}"], (4, 3, 4, 2)),
    ("exs", "elixir/config/runtime.exs", ["import Config", "", "config :shop, Shop.Payments,"],
     ["  region: \"eu\""], (3, 3, 3, 2)),
    ("scala", "jobs/src/main/scala/acme/Settings.scala", ["package acme", "", "object Settings {"], ["}"],
     (3, 3, 4, 2)),
    ("pl", "legacy/cgi-bin/report.pl", ["use strict;", "use warnings;", ""], ["1;"], (3, 3, 3, 2)),
    ("lua", "nvim/lua/plugins/ai.lua", ["return {"], ["}"], (3, 2, 3, 2)),
    ("make", "Makefile", [".PHONY: release", ""], ["", "release:", "\t./scripts/release.sh"], (3, 3, 3, 2)),
    ("systemd", "deploy/systemd/worker.service", ["[Unit]", "Description=queue worker", "", "[Service]"],
     ["ExecStart=/usr/local/bin/worker"], (3, 3, 3, 1)),
    ("gradle", "gradle.properties", ["org.gradle.jvmargs=-Xmx2g"], [], (3, 3, 3, 1)),
    ("hcl", "deploy/nomad/api.nomad.hcl", ['job "api" {', '  group "api" {', "  env {"], ["  }", "  }", "}"],
     (3, 3, 3, 2)),
    ("pydict", "backend/app/conf/defaults.py", ["import os", "", "DEFAULTS = {"], ["}"], (4, 4, 4, 2)),
    ("jsobj", "web/server/mailer.config.js", ["module.exports = {", "  smtp: {"], ["  },", "};"], (3, 4, 4, 2)),
]:
    d = doc(path)
    d.ctx(*head)
    g.mixed(d, lang, *counts)
    d.ctx(*tail)

d = doc("db/migrations/0042_app_roles.sql")
d.ctx("BEGIN;")
d.secret("sql-password", f"CREATE USER reporting WITH PASSWORD '{human_password()}';")
d.secret("sql-password", f"ALTER USER app IDENTIFIED BY \"{strong_password().replace(chr(34), '')}\";")
d.clean("sql-password-var", "ALTER USER app IDENTIFIED BY :'app_password';")
d.clean("sha256-digest", f"INSERT INTO schema_checksums VALUES ('0041', '{sha256_hex()}');")
d.clean("bcrypt-hash", f"INSERT INTO users (email, password_hash) VALUES ('admin@acme.io', '$2a$10${rs(53, ALNUM + './')}');")
d.ctx("COMMIT;")

d = doc("deploy/nginx/api.conf")
d.ctx("location /upstream/ {", "    proxy_pass https://partner.example.net/;")
d.secret("bearer-token", f'    proxy_set_header Authorization "Bearer {alnum_secret(48)}";')
d.clean("template-var", '    proxy_set_header Authorization "Bearer $http_x_forwarded_token";')
d.ctx("}")

d = doc("ci/Jenkinsfile")
d.ctx("pipeline {", "  agent any", "  environment {")
d.clean("secret-reference", "    REGISTRY_CREDS = credentials('registry-creds')")
d.secret("generic-token", f"    SONAR_TOKEN = 'squ_{rs(40, HEX)}'")
d.ctx("  }", "  stages {", "    stage('deploy') {", "      steps {")
d.secret("cli-token-flag", f"        sh 'helm upgrade api ./chart --set auth.adminPassword={human_password().replace(chr(39), '')}'")
d.clean("cli-password-flag-var", "        sh 'helm upgrade api ./chart --set auth.adminPassword=$ADMIN_PASSWORD'")
d.secret("cli-password-flag", f"        sh \"kubectl create secret generic api --from-literal=password={alnum_secret(20)}\"")
d.ctx("      }", "    }", "  }", "}")

d = doc("home/.config/pip/pip.conf")
d.ctx("[global]")
d.secret("url-credentials", f"index-url = https://__token__:{g.pypi_token()}@pypi.acme.io/simple")
d.clean("url", "extra-index-url = https://pypi.org/simple")

d = doc("home/.yarnrc.yml")
d.ctx("npmRegistryServer: https://registry.npmjs.org", "npmScopes:", "  acme:")
d.secret("npm-token", f"    npmAuthToken: {g.npm_token()}")
d.clean("env-lookup", '    npmAlwaysAuth: true')

d = doc("java/settings.xml")
d.ctx("<settings>", "  <servers>", "    <server>", "      <id>ossrh</id>", "      <username>acme-release</username>")
d.secret("generic-password", f"      <password>{strong_password().replace('&', '').replace('<', '')}</password>")
d.ctx("    </server>", "    <server>", "      <id>internal</id>")
d.clean("template-var", "      <password>${env.MAVEN_REPO_PASSWORD}</password>")
d.clean("maven-encrypted", "      <password>{" + base64.b64encode(R.randbytes(32)).decode() + "}</password>")
d.ctx("    </server>", "  </servers>", "</settings>")

d = doc("ops/crontab")
d.secret("cli-password-flag", f"0 3 * * * mysqldump --user=backup --password={alnum_secret(18)} crm | gzip > /backups/crm.sql.gz")
d.clean("cli-password-flag-var", "30 3 * * * mysqldump --defaults-extra-file=/etc/mysql/backup.cnf crm | gzip > /backups/crm2.sql.gz")

d = doc("ops/Vagrantfile")
d.ctx('Vagrant.configure("2") do |config|', '  config.vm.box = "debian/bookworm64"')
d.secret("generic-password", f"  config.vm.provision 'shell', env: {{ 'DB_ROOT_PASSWORD' => '{human_password()}' }}, path: 'setup.sh'")
d.secret("weak-default-credential", '  config.ssh.password = "vagrant"')
d.ctx("end")

d = doc("backend/app/clients/partners.py")
d.ctx("import os", "import requests", "")
d.secret("url-query-key", f'URL = "https://api.weather.example/v2/forecast?appid={hex_secret(32)}&units=metric"')
d.clean("template-var", 'URL2 = f"https://api.weather.example/v2/forecast?appid={APPID}&units=metric"')
d.secret("generic-token", f'session.headers.update({{"X-Auth-Token": "{alnum_secret(40)}"}})')
d.clean("code", 'session.headers.update({"X-Auth-Token": settings.PARTNER_TOKEN})')
d.clean("code", 'password = keyring.get_password("acme", "deploy")')
d.clean("arn", 'DB_SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf"')
d.clean("secret-reference", 'SECRET_PATH = "projects/acme-prod/secrets/stripe-key/versions/latest"')
d.clean("test-vector", 'EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"')
d.clean("redacted", 'log.info("using token %s", "sk_live_****************")')
d.clean("regex", r'STRIPE_KEY_RE = re.compile(r"sk_live_[0-9a-zA-Z]{24,99}")')

d = doc("web/server/nodemailer.js")
d.ctx("const transport = nodemailer.createTransport({", "  host: 'smtp.acme.io',", "  auth: {", "    user: 'noreply@acme.io',")
d.secret("generic-password", f"    pass: '{human_password()}',")
d.ctx("  },", "});")
d.clean("code", "const hash = crypto.createHash('sha256').update(password).digest('hex');")
d.clean("webpack-hash", f"import('./chunks/main.{rs(8, HEX)}.js');")

d = doc("web/src/styles/fonts.css")
d.clean("base64-font", "@font-face { font-family: Inter; src: url(data:font/woff2;base64," + rs(200, B64) + ") format('woff2'); }")
d.clean("design-token", ".password-strength--weak { color: #d1242f; }")

d = doc("infra/azure/app.bicep")
d.ctx("resource app 'Microsoft.Web/sites@2022-03-01' = {", "  properties: {", "    siteConfig: {", "      appSettings: [")
d.clean("secret-reference", "        { name: 'DB_PASSWORD', value: '@Microsoft.KeyVault(SecretUri=https://acme-kv.vault.azure.net/secrets/db-password/)' }")
d.secret("azure-storage-connection-string",
         f"        {{ name: 'STORAGE', value: 'DefaultEndpointsProtocol=https;AccountName=acmeprod{rs(4, string.digits)};AccountKey={g.azure_storage_key()};EndpointSuffix=core.windows.net' }}")
d.ctx("      ]", "    }", "  }", "}")

d = doc("infra/prod/outputs.tf")
d.ctx('output "db_password" {')
d.clean("tf-ref", "  value     = random_password.db.result")
d.clean("config-word", "  sensitive = true")
d.ctx("}")

d = doc(".github/workflows/ci.yml")
d.ctx("jobs:", "  test:", "    steps:", "      - uses: actions/checkout@v4", "        with:")
d.clean("gha-secret-ref", "          token: ${{ github.token }}")
d.ctx("      - run: ./gradlew publish", "        env:")
d.secret("generic-password", f"          ORG_GRADLE_PROJECT_signingPassword: {human_password()}")
d.clean("gha-secret-ref", "          ORG_GRADLE_PROJECT_signingKey: ${{ secrets.SIGNING_KEY }}")

d = doc("notes/incident-2024-03.md")
d.ctx("# Incident 2024-03: leaked deploy key", "", "The key below was pasted in chat and has been rotated:", "")
d.secret("openssh-private-key", g.openssh_private_key())
d.ctx("", "And the Slack token from the bot config:", "")
d.secret("slack-bot-token", f"`{g.slack_bot()}`")
d.clean("prose", "Tokens now live in Vault; the password policy requires 16 characters.")
d.clean("uuid", f"Correlation id: {uuid4()}")

d = doc("tests/fixtures/crypto_vectors.json")
d.ctx("{", '  "vectors": [')
for _ in range(3):
    d.clean("test-vector", f'    {{"iv": "{rs(32, HEX)}", "nonce": "{rs(24, HEX)}", "ciphertext": "{rs(96, HEX)}"}},')
d.ctx('    {"empty": true}', "  ]", "}")


def main() -> None:
    g.main(HERE / "files", HERE / "labels.jsonl")


if __name__ == "__main__":
    main()

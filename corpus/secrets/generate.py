#!/usr/bin/env python3
"""Generate the labelled secrets corpus: corpus/secrets/files/** and labels.jsonl.

Every secret value here is fake: drawn from a seeded random generator, so the corpus is
reproducible and no value was ever a live credential. Values are format-valid (provider
prefixes, lengths, alphabets, and the CRC32/base62 checksum tail of GitHub-style tokens) so
that a scanner that checks structure sees them as the real thing.

Labels (one JSON object per line in labels.jsonl):
  {"file": "backend/settings.py", "line": 12, "end_line": 12,
   "label": "secret" | "not-secret", "kind": "github-pat"}
A secret spans line..end_line (multi-line private keys, service-account JSON, AWS pairs);
a tool finds it when it reports a finding on any line of that span. A not-secret line is a
look-alike (placeholder, env lookup, digest, UUID, example key, ...) a tool should stay
quiet on. Lines without a label are plain context.

Run: python3 corpus/secrets/generate.py  (rewrites files/ and labels.jsonl; deterministic)
"""

from __future__ import annotations

import base64
import json
import random
import shutil
import string
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
SEED = 20261122

R = random.Random(SEED)

ALNUM = string.ascii_letters + string.digits
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
HEX = "0123456789abcdef"
B64 = string.ascii_letters + string.digits + "+/"
URLSAFE = string.ascii_letters + string.digits + "-_"
UPPER32 = string.ascii_uppercase + "234567"


def rs(n: int, alphabet: str = ALNUM) -> str:
    return "".join(R.choice(alphabet) for _ in range(n))


def b62_fixed(n: int, width: int) -> str:
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = B62[r] + out
    return out.rjust(width, "0")


# ---------------------------------------------------------------------------------------
# Provider formats (facts about token shapes; values random)
# ---------------------------------------------------------------------------------------


def crc_token(prefix: str, body_len: int = 30) -> str:
    """GitHub-style token: prefix, random base62 body, base62 CRC32 of the body (6 chars)."""
    body = rs(body_len)
    return prefix + body + b62_fixed(zlib.crc32(body.encode()), 6)


def github_pat():
    return crc_token("ghp_")


def github_oauth():
    return crc_token("gho_")


def github_app():
    return crc_token(R.choice(["ghs_", "ghu_"]))


def github_refresh():
    return crc_token("ghr_", 70)


def github_fine_grained():
    return "github_pat_" + rs(22) + "_" + rs(59)


def gitlab_pat():
    return "glpat-" + rs(20, URLSAFE)


def gitlab_runner():
    return "glrt-" + rs(20, URLSAFE)


def aws_key_id():
    return R.choice(["AKIA", "ASIA"]) + rs(16, UPPER32)


def aws_secret():
    return rs(40, B64)


def slack_bot():
    return f"xoxb-{rs(11, string.digits)}-{rs(13, string.digits)}-{rs(24)}"


def slack_user():
    return f"xoxp-{rs(11, string.digits)}-{rs(11, string.digits)}-{rs(13, string.digits)}-{rs(32, HEX)}"


def slack_webhook():
    return f"https://hooks.slack.com/services/T{rs(8, UPPER32)}/B{rs(10, UPPER32)}/{rs(24)}"


def stripe_live():
    return "sk_live_" + rs(R.choice([24, 99]))


def stripe_restricted():
    return "rk_live_" + rs(99)


def stripe_webhook():
    return "whsec_" + rs(32)


def openai_key():
    if R.random() < 0.5:
        return "sk-" + rs(20) + "T3BlbkFJ" + rs(20)
    return "sk-proj-" + rs(74, URLSAFE) + "T3BlbkFJ" + rs(74, URLSAFE)


def anthropic_key():
    return "sk-ant-api03-" + rs(93, URLSAFE) + "AA"


def hf_token():
    return "hf_" + rs(34, string.ascii_letters)


def google_api_key():
    return "AIza" + rs(35, URLSAFE)


def groq_key():
    return "gsk_" + rs(52)


def replicate_token():
    return "r8_" + rs(37)


def cohere_key():
    return rs(40)


def mistral_key():
    return rs(32)


def twilio_api_key():
    return "SK" + rs(32, HEX)


def twilio_auth_token():
    return rs(32, HEX)


def twilio_sid():
    return "AC" + rs(32, HEX)


def sendgrid_key():
    return "SG." + rs(22, URLSAFE) + "." + rs(43, URLSAFE)


def mailgun_key():
    return "key-" + rs(32, HEX)


def telegram_bot():
    return f"{R.randint(10**8, 10**10 - 1)}:AA{rs(33, URLSAFE)}"


def discord_webhook():
    return f"https://discord.com/api/webhooks/{R.randint(10**17, 10**18)}/{rs(68, URLSAFE)}"


def discord_bot():
    uid = str(R.randint(10**17, 10**18)).encode()
    return base64.b64encode(uid).decode().rstrip("=") + "." + rs(6, URLSAFE) + "." + rs(38, URLSAFE)


def npm_token():
    return crc_token("npm_")


def pypi_token():
    return "pypi-AgEIcHlwaS5vcmc" + rs(R.choice([50, 70, 120]), URLSAFE)


def crates_token():
    return "cio" + rs(32)


def nuget_key():
    return "oy2" + rs(43, string.ascii_lowercase + string.digits)


def rubygems_key():
    return "rubygems_" + rs(48, HEX)


def dockerhub_pat():
    return "dckr_pat_" + rs(27, URLSAFE)


def datadog_api():
    return rs(32, HEX)


def datadog_app():
    return rs(40, HEX)


def sentry_token():
    return "sntryu_" + rs(64, HEX)


def shopify_token():
    return R.choice(["shpat_", "shpca_", "shppa_"]) + rs(32, HEX)


def shopify_secret():
    return "shpss_" + rs(32, HEX)


def atlassian_token():
    return "ATATT3xFfGF0" + rs(171, URLSAFE) + "=" + rs(8, HEX.upper())


def bitbucket_app_password():
    return "ATBB" + rs(28) + rs(8, HEX.upper())


def circleci_token():
    return "CCIPAT_" + rs(22) + "_" + rs(40, HEX)


def digitalocean_token():
    return "dop_v1_" + rs(64, HEX)


def vault_token():
    return "hvs." + rs(90, URLSAFE)


def linear_key():
    return "lin_api_" + rs(40)


def postman_key():
    return f"PMAK-{rs(24, HEX)}-{rs(34, HEX)}"


def azure_storage_key():
    return base64.b64encode(R.randbytes(64)).decode()


def azure_sas_key():
    return base64.b64encode(R.randbytes(32)).decode()


def azure_client_secret():
    return rs(3) + "8Q~" + rs(34, URLSAFE + ".~")


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def jwt():
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    claims = {"sub": str(R.randint(1000, 99999)), "name": R.choice(["ana", "li", "sam"]),
              "iat": R.randint(1_600_000_000, 1_700_000_000), "role": "service"}
    payload = b64url(json.dumps(claims, separators=(",", ":")).encode())
    return f"{header}.{payload}.{b64url(R.randbytes(32))}"


def pem_body(lines: int, first: str = "") -> list[str]:
    raw = base64.b64encode(R.randbytes(48 * lines)).decode()
    raw = first + raw[len(first):]
    return [raw[i:i + 64] for i in range(0, len(raw), 64)]


def rsa_private_key() -> list[str]:
    return (["-----BEGIN RSA PRIVATE KEY-----"] + pem_body(12, "MIIEowIBAAKCAQEA")
            + ["-----END RSA PRIVATE KEY-----"])


def pkcs8_private_key() -> list[str]:
    return (["-----BEGIN PRIVATE KEY-----"] + pem_body(12, "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC")
            + ["-----END PRIVATE KEY-----"])


def ec_private_key() -> list[str]:
    return ["-----BEGIN EC PRIVATE KEY-----"] + pem_body(3, "MHcCAQEEI") + ["-----END EC PRIVATE KEY-----"]


def openssh_private_key() -> list[str]:
    return (["-----BEGIN OPENSSH PRIVATE KEY-----"]
            + pem_body(6, "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW")
            + ["-----END OPENSSH PRIVATE KEY-----"])


def pgp_private_key() -> list[str]:
    return (["-----BEGIN PGP PRIVATE KEY BLOCK-----", ""] + pem_body(8, "lQOYBG")
            + ["=" + rs(4, B64), "-----END PGP PRIVATE KEY BLOCK-----"])


# Generic secrets: what people actually paste into code.
WORDS = ["river", "copper", "violet", "harbor", "maple", "falcon", "ember", "quartz", "tundra",
         "orbit", "saffron", "glacier", "pepper", "lantern", "meadow", "cobalt", "willow"]


def human_password():
    w = R.sample(WORDS, 2)
    return f"{w[0].capitalize()}{R.choice('!#$%&*@')}{w[1]}{R.randint(10, 9999)}"


def strong_password():
    return rs(R.randint(16, 28), ALNUM + "!#%&*+-=?@^_")


def hex_secret(n=None):
    return rs(n or R.choice([32, 40, 64]), HEX)


def alnum_secret(n=None):
    return rs(n or R.choice([24, 32, 40, 48]))


def b64_secret():
    return base64.b64encode(R.randbytes(R.choice([24, 32, 48]))).decode()


def django_secret():
    return "django-insecure-" + rs(50, string.ascii_lowercase + string.digits + "!@#$%^&*(-_=+)")


def generic_secret():
    return R.choice([human_password, strong_password, hex_secret, alnum_secret, b64_secret])()


# Look-alikes that are not secrets.
def uuid4():
    h = rs(32, HEX)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{R.choice('89ab')}{h[17:20]}-{h[20:]}"


def git_sha():
    return rs(40, HEX)


def sha256_hex():
    return rs(64, HEX)


def sri_sha512():
    return "sha512-" + base64.b64encode(R.randbytes(64)).decode()


PLACEHOLDERS = ["<changeme>", "<your-api-key>", "YOUR_API_KEY_HERE", "xxxxxxxxxxxxxxxxxxxx",
                "REPLACE_ME", "your-secret-key", "TODO", "<password>", "dummy", "example",
                "********", "password", "secret", "<token>", "insert-token-here",
                "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx", "ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"]


def placeholder():
    return R.choice(PLACEHOLDERS)


# ---------------------------------------------------------------------------------------
# Catalogues: (variable name, value generator, kind)
# ---------------------------------------------------------------------------------------

PROVIDER_ITEMS = [
    ("GITHUB_TOKEN", github_pat, "github-pat"),
    ("gh_oauth_token", github_oauth, "github-oauth"),
    ("GITHUB_APP_TOKEN", github_app, "github-app-token"),
    ("github_refresh_token", github_refresh, "github-refresh-token"),
    ("GH_FINE_GRAINED_PAT", github_fine_grained, "github-fine-grained-pat"),
    ("GITLAB_TOKEN", gitlab_pat, "gitlab-pat"),
    ("runner_token", gitlab_runner, "gitlab-runner-token"),
    ("SLACK_BOT_TOKEN", slack_bot, "slack-bot-token"),
    ("slack_user_token", slack_user, "slack-user-token"),
    ("SLACK_WEBHOOK_URL", slack_webhook, "slack-webhook"),
    ("STRIPE_SECRET_KEY", stripe_live, "stripe-secret-key"),
    ("stripe_restricted_key", stripe_restricted, "stripe-restricted-key"),
    ("STRIPE_WEBHOOK_SECRET", stripe_webhook, "stripe-webhook-secret"),
    ("OPENAI_API_KEY", openai_key, "openai-api-key"),
    ("ANTHROPIC_API_KEY", anthropic_key, "anthropic-api-key"),
    ("HF_TOKEN", hf_token, "huggingface-token"),
    ("GOOGLE_API_KEY", google_api_key, "google-api-key"),
    ("GROQ_API_KEY", groq_key, "groq-api-key"),
    ("REPLICATE_API_TOKEN", replicate_token, "replicate-api-token"),
    ("COHERE_API_KEY", cohere_key, "cohere-api-key"),
    ("MISTRAL_API_KEY", mistral_key, "mistral-api-key"),
    ("TWILIO_API_KEY", twilio_api_key, "twilio-api-key"),
    ("TWILIO_AUTH_TOKEN", twilio_auth_token, "twilio-auth-token"),
    ("SENDGRID_API_KEY", sendgrid_key, "sendgrid-api-key"),
    ("MAILGUN_API_KEY", mailgun_key, "mailgun-api-key"),
    ("TELEGRAM_BOT_TOKEN", telegram_bot, "telegram-bot-token"),
    ("DISCORD_WEBHOOK", discord_webhook, "discord-webhook"),
    ("DISCORD_BOT_TOKEN", discord_bot, "discord-bot-token"),
    ("NPM_TOKEN", npm_token, "npm-token"),
    ("PYPI_API_TOKEN", pypi_token, "pypi-token"),
    ("CARGO_REGISTRY_TOKEN", crates_token, "crates-io-token"),
    ("NUGET_API_KEY", nuget_key, "nuget-api-key"),
    ("GEM_HOST_API_KEY", rubygems_key, "rubygems-api-key"),
    ("DOCKERHUB_TOKEN", dockerhub_pat, "dockerhub-pat"),
    ("DD_API_KEY", datadog_api, "datadog-api-key"),
    ("DD_APP_KEY", datadog_app, "datadog-app-key"),
    ("SENTRY_AUTH_TOKEN", sentry_token, "sentry-auth-token"),
    ("SHOPIFY_ACCESS_TOKEN", shopify_token, "shopify-access-token"),
    ("SHOPIFY_SHARED_SECRET", shopify_secret, "shopify-shared-secret"),
    ("ATLASSIAN_API_TOKEN", atlassian_token, "atlassian-api-token"),
    ("BITBUCKET_APP_PASSWORD", bitbucket_app_password, "bitbucket-app-password"),
    ("CIRCLECI_TOKEN", circleci_token, "circleci-token"),
    ("DIGITALOCEAN_TOKEN", digitalocean_token, "digitalocean-token"),
    ("VAULT_TOKEN", vault_token, "vault-token"),
    ("LINEAR_API_KEY", linear_key, "linear-api-key"),
    ("POSTMAN_API_KEY", postman_key, "postman-api-key"),
    ("AZURE_CLIENT_SECRET", azure_client_secret, "azure-client-secret"),
    ("aws_access_key_id", aws_key_id, "aws-access-key-id"),
    ("auth_jwt", jwt, "jwt"),
]

GENERIC_ITEMS = [
    ("password", human_password, "generic-password"),
    ("db_password", strong_password, "generic-password"),
    ("DB_PASSWORD", human_password, "generic-password"),
    ("admin_password", strong_password, "generic-password"),
    ("smtp_password", human_password, "generic-password"),
    ("redis_password", strong_password, "generic-password"),
    ("api_key", alnum_secret, "generic-api-key"),
    ("apiKey", alnum_secret, "generic-api-key"),
    ("API_SECRET", hex_secret, "generic-secret"),
    ("client_secret", alnum_secret, "generic-secret"),
    ("clientSecret", b64_secret, "generic-secret"),
    ("secret_key", django_secret, "generic-secret"),
    ("SESSION_SECRET", hex_secret, "generic-secret"),
    ("jwt_secret", b64_secret, "generic-secret"),
    ("JWT_SIGNING_KEY", strong_password, "generic-secret"),
    ("encryption_key", b64_secret, "generic-secret"),
    ("auth_token", hex_secret, "generic-token"),
    ("access_token", alnum_secret, "generic-token"),
    ("refreshToken", alnum_secret, "generic-token"),
    ("private_key", hex_secret, "generic-secret"),
    ("webhook_secret", hex_secret, "generic-secret"),
    ("signing_secret", hex_secret, "generic-secret"),
    ("master_key", b64_secret, "generic-secret"),
    ("passwd", human_password, "generic-password"),
    ("pwd", strong_password, "generic-password"),
    ("app_secret", alnum_secret, "generic-secret"),
    ("consumer_secret", alnum_secret, "generic-secret"),
    ("ldap_bind_password", human_password, "generic-password"),
]

LOOKALIKE_ITEMS = [
    ("password", placeholder, "placeholder"),
    ("api_key", placeholder, "placeholder"),
    ("SECRET_KEY", placeholder, "placeholder"),
    ("token", placeholder, "placeholder"),
    ("aws_access_key_id", lambda: "AKIAIOSFODNN7EXAMPLE", "aws-doc-example"),
    ("aws_secret_access_key", lambda: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "aws-doc-example"),
    ("request_id", uuid4, "uuid"),
    ("tenant_id", uuid4, "uuid"),
    ("client_id", uuid4, "uuid"),
    ("commit_sha", git_sha, "git-sha"),
    ("build_revision", git_sha, "git-sha"),
    ("checksum", sha256_hex, "sha256-digest"),
    ("image_digest", lambda: "sha256:" + sha256_hex(), "sha256-digest"),
    ("integrity", sri_sha512, "lockfile-integrity"),
    ("password_reset_path", lambda: "/accounts/password/reset/", "route"),
    ("token_url", lambda: "https://auth.example.com/oauth2/token", "url"),
    ("PASSWORD_MIN_LENGTH", lambda: "12", "config-number"),
    ("password_hash_algorithm", lambda: "argon2id", "config-word"),
    ("token_type", lambda: "Bearer", "config-word"),
    ("secret_name", lambda: "prod/payments/db-credentials", "secret-reference"),
    ("api_key_header", lambda: "X-Api-Key", "config-word"),
    ("ENABLE_PASSWORD_RESET", lambda: "true", "feature-flag"),
    ("password_label", lambda: "Forgot your password?", "i18n"),
    ("session_cookie_name", lambda: "sessionid", "config-word"),
    ("stripe_publishable_key", lambda: "pk_live_" + rs(24), "public-key"),
    ("twilio_account_sid", twilio_sid, "twilio-account-sid"),
    ("password_bcrypt", lambda: "$2b$12$" + rs(53, ALNUM + "./"), "bcrypt-hash"),
    ("cache_key", lambda: "user:profile:v2", "config-word"),
    ("color_token", lambda: "#1F6FEB", "design-token"),
    ("TEST_PASSWORD", lambda: "test", "test-constant"),
]

# ---------------------------------------------------------------------------------------
# Languages: how an assignment and an environment lookup look
# ---------------------------------------------------------------------------------------


def camel(name: str) -> str:
    parts = name.lower().split("_")
    return parts[0] + "".join(p.capitalize() for p in parts[1:])


def snake(name: str) -> str:
    if "_" in name or name.isupper() or name.islower():
        return name.lower()
    out = ""
    for c in name:
        out += ("_" + c.lower()) if c.isupper() and out and not out.endswith("_") else c.lower()
    return out


def esc(v: str) -> str:
    return v.replace("\\", "\\\\").replace('"', '\\"')


ASSIGN = {
    "py": lambda n, v: f'{n.upper() if R.random() < 0.5 else snake(n)} = "{esc(v)}"',
    "js": lambda n, v: f"const {camel(snake(n))} = '{v}';",
    "ts": lambda n, v: f'export const {camel(snake(n))}: string = "{esc(v)}";',
    "go": lambda n, v: f'\t{camel(snake(n))} := "{esc(v)}"',
    "java": lambda n, v: f'    private static final String {snake(n).upper()} = "{esc(v)}";',
    "rb": lambda n, v: f"  {snake(n)} = '{v}'",
    "php": lambda n, v: f"    '{snake(n)}' => '{v}',",
    "cs": lambda n, v: f'        private const string {camel(snake(n)).capitalize()} = "{esc(v)}";',
    "rs": lambda n, v: f'const {snake(n).upper()}: &str = "{esc(v)}";',
    "kt": lambda n, v: f'    val {camel(snake(n))} = "{esc(v)}"',
    "swift": lambda n, v: f'    static let {camel(snake(n))} = "{esc(v)}"',
    "sh": lambda n, v: f"export {snake(n).upper()}='{v}'",
    "yaml": lambda n, v: f'  {snake(n)}: "{esc(v)}"',
    "json": lambda n, v: f'  "{camel(snake(n))}": "{esc(v)}",',
    "toml": lambda n, v: f'{snake(n)} = "{esc(v)}"',
    "ini": lambda n, v: f"{snake(n)} = {v}",
    "env": lambda n, v: f"{snake(n).upper()}={v}",
    "properties": lambda n, v: f"app.{snake(n).replace('_', '.')}={v}",
    "xml": lambda n, v: f"    <{camel(snake(n))}>{v.replace('&', '&amp;').replace('<', '&lt;')}</{camel(snake(n))}>",
    "dockerfile": lambda n, v: f"ENV {snake(n).upper()}={v}",
    "tf": lambda n, v: f'  {snake(n)} = "{esc(v)}"',
}

ENV_LOOKUP = {
    "py": lambda n: f'{snake(n)} = os.environ["{snake(n).upper()}"]',
    "py2": lambda n: f'{snake(n)} = os.getenv("{snake(n).upper()}", "")',
    "js": lambda n: f"const {camel(snake(n))} = process.env.{snake(n).upper()};",
    "ts": lambda n: f"export const {camel(snake(n))} = process.env.{snake(n).upper()} ?? '';",
    "go": lambda n: f'\t{camel(snake(n))} := os.Getenv("{snake(n).upper()}")',
    "java": lambda n: f'    private final String {camel(snake(n))} = System.getenv("{snake(n).upper()}");',
    "rb": lambda n: f"  {snake(n)} = ENV.fetch('{snake(n).upper()}')",
    "php": lambda n: f"    '{snake(n)}' => env('{snake(n).upper()}'),",
    "cs": lambda n: f'        var {camel(snake(n))} = Environment.GetEnvironmentVariable("{snake(n).upper()}");',
    "rs": lambda n: f'    let {snake(n)} = std::env::var("{snake(n).upper()}")?;',
    "kt": lambda n: f'    val {camel(snake(n))} = System.getenv("{snake(n).upper()}")',
    "swift": lambda n: f'    let {camel(snake(n))} = ProcessInfo.processInfo.environment["{snake(n).upper()}"]',
    "sh": lambda n: f'export {snake(n).upper()}="${{{snake(n).upper()}:?missing}}"',
    "yaml": lambda n: f"  {snake(n)}: ${{{snake(n).upper()}}}",
    "json": lambda n: f'  "{camel(snake(n))}": "${{{snake(n).upper()}}}",',
    "toml": lambda n: f'{snake(n)} = "${{{snake(n).upper()}}}"',
    "ini": lambda n: f"{snake(n)} = %({snake(n).upper()})s",
    "env": lambda n: f"{snake(n).upper()}=${{{snake(n).upper()}_FROM_VAULT}}",
    "properties": lambda n: f"app.{snake(n).replace('_', '.')}=${{{snake(n).upper()}}}",
    "xml": lambda n: f"    <{camel(snake(n))}>${{env.{snake(n).upper()}}}</{camel(snake(n))}>",
    "dockerfile": lambda n: f"ARG {snake(n).upper()}",
    "tf": lambda n: f"  {snake(n)} = var.{snake(n)}",
}

# ---------------------------------------------------------------------------------------
# File builder
# ---------------------------------------------------------------------------------------


class Doc:
    """Lines of one corpus file with labels attached to some of them."""

    def __init__(self, path: str):
        self.path = path
        self.lines: list[str] = []
        self.labels: list[dict] = []

    def ctx(self, *lines: str) -> "Doc":
        self.lines.extend(lines)
        return self

    def _label(self, label: str, kind: str, lines) -> "Doc":
        if isinstance(lines, str):
            lines = [lines]
        start = len(self.lines) + 1
        self.lines.extend(lines)
        self.labels.append({"file": self.path, "line": start, "end_line": start + len(lines) - 1,
                            "label": label, "kind": kind})
        return self

    def secret(self, kind: str, lines) -> "Doc":
        return self._label("secret", kind, lines)

    def clean(self, kind: str, lines) -> "Doc":
        return self._label("not-secret", kind, lines)


DOCS: list[Doc] = []


def doc(path: str) -> Doc:
    d = Doc(path)
    DOCS.append(d)
    return d


def mixed(d: Doc, lang: str, n_provider: int, n_generic: int, n_lookalike: int, n_env: int,
          indent_ctx: str = "") -> None:
    """Append a shuffled mix of provider secrets, generic secrets, look-alikes and env lookups."""
    items = []
    for name, gen, kind in R.sample(PROVIDER_ITEMS, n_provider):
        items.append(("secret", kind, ASSIGN[lang](name, gen())))
    for name, gen, kind in R.sample(GENERIC_ITEMS, n_generic):
        items.append(("secret", kind, ASSIGN[lang](name, gen())))
    for name, gen, kind in R.sample(LOOKALIKE_ITEMS, n_lookalike):
        items.append(("not-secret", kind, ASSIGN[lang](name, gen())))
    env = ENV_LOOKUP.get(lang + "2") if lang == "py" and R.random() < 0.5 else ENV_LOOKUP[lang]
    for name, _, _ in R.sample(PROVIDER_ITEMS + GENERIC_ITEMS, n_env):
        items.append(("not-secret", "env-lookup", env(name)))
    R.shuffle(items)
    for i, (label, kind, line) in enumerate(items):
        if label == "secret":
            d.secret(kind, line)
        else:
            d.clean(kind, line)
        if indent_ctx and i % 3 == 2:
            d.ctx(indent_ctx)


# Each builder below writes one realistic file. Context lines are plain code that must not
# trip a scanner either (a finding on them counts as a false positive).

import_py = ["import os", "import logging", "", "log = logging.getLogger(__name__)", ""]

d = doc("backend/app/settings.py")
d.ctx('"""Django settings for the orders service."""', *import_py, "DEBUG = False",
      'ALLOWED_HOSTS = ["orders.internal", "localhost"]')
d.secret("generic-secret", f'SECRET_KEY = "{django_secret()}"')
d.ctx("DATABASES = {", '    "default": {', '        "ENGINE": "django.db.backends.postgresql",',
      '        "NAME": "orders",', '        "USER": "orders_app",')
d.secret("generic-password", f'        "PASSWORD": "{human_password()}",')
d.ctx('        "HOST": "db.internal",', "    }", "}")
d.clean("env-lookup", 'EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD")')
d.clean("config-word", 'PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]')
d.clean("config-word", 'AUTH_PASSWORD_VALIDATORS = [{"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"}]')
mixed(d, "py", 3, 2, 3, 2)

d = doc("backend/app/integrations/clients.py")
d.ctx(*import_py, "import boto3", "import stripe", "")
d.ctx("s3 = boto3.client(", '    "s3",')
d.secret("aws-key-pair", [f'    aws_access_key_id="{aws_key_id()}",', f'    aws_secret_access_key="{aws_secret()}",'])
d.ctx(")", "s3.list_buckets()")
d.secret("stripe-secret-key", f'stripe.api_key = "{stripe_live()}"')
d.clean("env-lookup", 'openai_key = os.environ["OPENAI_API_KEY"]')
d.secret("openai-api-key", f'client = OpenAI(api_key="{openai_key()}")')
d.secret("anthropic-api-key", f'claude = anthropic.Anthropic(api_key="{anthropic_key()}")')
d.clean("placeholder", 'anthropic.Anthropic(api_key="sk-ant-...")  # set ANTHROPIC_API_KEY instead')
d.secret("db-uri-password", f'engine = create_engine("postgresql+psycopg2://orders:{strong_password().replace("@", "")}@db.internal:5432/orders")')
d.clean("db-uri-no-password", 'engine = create_engine("postgresql+psycopg2://orders@db.internal:5432/orders")')
d.clean("db-uri-placeholder", 'DATABASE_URL = "postgres://user:password@localhost:5432/dbname"')
d.secret("redis-uri-password", f'cache = redis.from_url("redis://:{hex_secret(32)}@cache.internal:6379/0")')
d.secret("hf-token", f'login(token="{hf_token()}")')
mixed(d, "py", 2, 2, 2, 1)

d = doc("scripts/deploy/rotate_keys.py")
d.ctx("#!/usr/bin/env python3", *import_py, "import requests", "")
d.secret("github-pat", f'HEADERS = {{"Authorization": "token {github_pat()}"}}')
d.secret("bearer-token", f'resp = requests.get(url, headers={{"Authorization": "Bearer {alnum_secret(40)}"}})')
d.clean("code", 'resp = requests.get(url, headers={"Authorization": f"Bearer {token}"})')
d.secret("sendgrid-api-key", f'sg = SendGridAPIClient("{sendgrid_key()}")')
d.secret("twilio-auth-token", f'twilio = Client("{twilio_sid()}", "{twilio_auth_token()}")')
d.clean("code", 'password = getpass.getpass("Vault password: ")')
d.clean("code", 'if not password:\n    raise SystemExit("no password given")'.split("\n")[0])
d.clean("sha256-digest", f'EXPECTED_SHA256 = "{sha256_hex()}"')
mixed(d, "py", 2, 3, 3, 1)

d = doc("ml/notebooks/explore.ipynb")
nb_src = [
    ("ctx", None, "import openai, os"),
    ("secret", "openai-api-key", f'openai.api_key = \\"{openai_key()}\\"'),
    ("ctx", None, "df = load_frame()"),
    ("secret", "huggingface-token", f'HF_TOKEN = \\"{hf_token()}\\"'),
    ("not-secret", "env-lookup", 'os.environ[\\"WANDB_API_KEY\\"]'),
    ("secret", "wandb-api-key", f'wandb.login(key=\\"{hex_secret(40)}\\")'),
    ("not-secret", "base64-image", '\\"image/png\\": \\"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk' + rs(40, B64) + '\\"'),
    ("secret", "google-api-key", f'genai.configure(api_key=\\"{google_api_key()}\\")'),
    ("secret", "groq-api-key", f'groq = Groq(api_key=\\"{groq_key()}\\")'),
    ("secret", "replicate-api-token", f'os.environ[\\"REPLICATE_API_TOKEN\\"] = \\"{replicate_token()}\\"'),
    ("secret", "cohere-api-key", f'co = cohere.Client(\\"{cohere_key()}\\")'),
    ("not-secret", "uuid", f'\\"id\\": \\"{uuid4()}\\"'),
]
d.ctx("{", ' "cells": [', "  {", '   "cell_type": "code",', '   "metadata": {},', '   "source": [')
for label, kind, text in nb_src:
    line = f'    "{text}\\n",'
    if label == "ctx":
        d.ctx(line)
    elif label == "secret":
        d.secret(kind, line)
    else:
        d.clean(kind, line)
d.ctx('    "print(\'done\')"', "   ]", "  }", " ],", ' "nbformat": 4,', ' "nbformat_minor": 5', "}")

for lang, path, head, tail, counts in [
    ("js", "web/server/config.js", ["'use strict';", "const path = require('path');", ""],
     ["", "module.exports = { port: 3000 };"], (4, 4, 4, 3)),
    ("ts", "web/src/lib/services.ts", ["import { z } from 'zod';", ""], ["", "export default {};"], (4, 4, 4, 3)),
    ("go", "cmd/worker/config.go", ["package main", "", 'import "os"', "", "func loadConfig() {"],
     ["}"], (4, 4, 4, 3)),
    ("java", "api/src/main/java/com/acme/Credentials.java", ["package com.acme;", "",
     "public final class Credentials {"], ["}"], (4, 4, 4, 2)),
    ("rb", "app/config/initializers/services.rb", ["module Services", "  class Config"],
     ["  end", "end"], (4, 4, 4, 2)),
    ("php", "config/services.php", ["<?php", "", "return ["], ["];"], (4, 4, 4, 3)),
    ("cs", "src/Acme.Billing/Secrets.cs", ["namespace Acme.Billing", "{", "    public static class Secrets",
     "    {"], ["    }", "}"], (4, 4, 4, 2)),
    ("rs", "tools/uploader/src/keys.rs", ["//! Upload credentials.", "use std::env;", ""], [], (4, 4, 4, 0)),
    ("kt", "android/app/src/main/java/com/acme/ApiKeys.kt", ["package com.acme", "", "object ApiKeys {"],
     ["}"], (4, 4, 4, 2)),
    ("swift", "ios/Acme/Config/Keys.swift", ["import Foundation", "", "enum Keys {"], ["}"], (4, 4, 4, 2)),
    ("sh", "scripts/ci/publish.sh", ["#!/usr/bin/env bash", "set -euo pipefail", ""], ['echo "done"'], (4, 4, 4, 3)),
    ("yaml", "deploy/helm/values-prod.yaml", ["replicaCount: 3", "config:"], [], (4, 4, 4, 3)),
    ("json", "config/appsettings.Production.json", ["{", '  "Logging": { "LogLevel": { "Default": "Warning" } },'],
     ['  "AllowedHosts": "*"', "}"], (4, 4, 4, 3)),
    ("toml", "services/gateway/config.toml", ["[server]", 'bind = "0.0.0.0:8080"', "", "[credentials]"],
     [], (4, 4, 4, 2)),
    ("ini", "etc/app.ini", ["[database]", "host = db.internal", "port = 5432"], [], (3, 4, 4, 2)),
    ("env", ".env.production", ["NODE_ENV=production", "PORT=8080"], [], (5, 5, 4, 2)),
    ("properties", "api/src/main/resources/application-prod.properties",
     ["server.port=8443", "spring.jpa.hibernate.ddl-auto=validate"], [], (4, 4, 4, 2)),
    ("xml", "legacy/WEB-INF/app-config.xml", ['<?xml version="1.0" encoding="UTF-8"?>', "<config>"],
     ["</config>"], (3, 4, 4, 2)),
    ("dockerfile", "images/api/Dockerfile", ["FROM python:3.12-slim", "WORKDIR /app"],
     ['CMD ["gunicorn", "app.wsgi"]'], (3, 3, 3, 2)),
    ("tf", "infra/modules/app/main.tf", ['resource "aws_ssm_parameter" "app" {', '  name = "/app/config"'],
     ["}"], (3, 4, 4, 2)),
]:
    d = doc(path)
    d.ctx(*head)
    mixed(d, lang, *counts)
    d.ctx(*tail)

# Language files with hand-placed realistic shapes.
d = doc("web/src/api/client.ts")
d.ctx("import axios from 'axios';", "")
d.secret("generic-api-key", f"const api = axios.create({{ headers: {{ 'x-api-key': '{alnum_secret(32)}' }} }});")
d.clean("env-lookup", "const api2 = axios.create({ headers: { 'x-api-key': process.env.API_KEY! } });")
d.secret("jwt", f"const SERVICE_JWT = '{jwt()}';")
d.secret("mongodb-uri-password", f"await mongoose.connect('mongodb+srv://app:{alnum_secret(16)}@cluster0.ab1cd.mongodb.net/shop');")
d.clean("db-uri-placeholder", "await mongoose.connect('mongodb+srv://<username>:<password>@cluster0.example.mongodb.net/');")
d.clean("i18n", "  forgotPassword: 'Forgot your password?',")
d.clean("code", "if (password.length < MIN_PASSWORD_LENGTH) throw new Error('password too short');")
d.clean("code", "const token = await getToken({ audience: 'api://default' });")
d.secret("firebase-api-key", f"  apiKey: '{google_api_key()}',")
d.clean("config-word", "  authDomain: 'acme-prod.firebaseapp.com',")

d = doc("web/src/locales/en.json")
d.ctx("{")
for key, val in [("login.password", "Password"), ("login.forgot", "Forgot password?"),
                 ("settings.api_key", "API key"), ("settings.token_hint", "Paste your personal access token"),
                 ("errors.password_mismatch", "Passwords do not match"),
                 ("secret.reveal", "Show secret"), ("settings.rotate", "Rotate token now")]:
    d.clean("i18n", f'  "{key}": "{val}",')
d.ctx('  "app.title": "Acme"', "}")

d = doc("web/package-lock.json")
d.ctx("{", '  "name": "acme-web",', '  "lockfileVersion": 3,', '  "packages": {')
for pkg in ["react", "lodash", "axios", "zod", "dayjs", "clsx"]:
    d.ctx(f'    "node_modules/{pkg}": {{', f'      "version": "{R.randint(1, 18)}.{R.randint(0, 9)}.{R.randint(0, 20)}",',
          f'      "resolved": "https://registry.npmjs.org/{pkg}/-/{pkg}-1.0.0.tgz",')
    d.clean("lockfile-integrity", f'      "integrity": "{sri_sha512()}",')
    d.ctx("    },")
d.ctx("  }", "}")

d = doc("cmd/worker/go.sum")
for mod in ["github.com/aws/aws-sdk-go-v2", "golang.org/x/crypto", "github.com/spf13/cobra", "go.uber.org/zap"]:
    h = base64.b64encode(R.randbytes(32)).decode()
    d.clean("go-sum-hash", f"{mod} v1.{R.randint(0, 30)}.{R.randint(0, 9)} h1:{h}")

d = doc("tools/uploader/Cargo.lock")
d.ctx("version = 3", "")
for crate in ["serde", "tokio", "regex"]:
    d.ctx("[[package]]", f'name = "{crate}"', f'version = "1.{R.randint(0, 40)}.0"',
          'source = "registry+https://github.com/rust-lang/crates.io-index"')
    d.clean("sha256-digest", f'checksum = "{sha256_hex()}"')
    d.ctx("")

d = doc("deploy/k8s/secret.yaml")
d.ctx("apiVersion: v1", "kind: Secret", "metadata:", "  name: api-credentials", "type: Opaque", "stringData:")
d.secret("generic-password", f"  POSTGRES_PASSWORD: {human_password()}")
d.secret("stripe-secret-key", f"  STRIPE_KEY: {stripe_live()}")
d.ctx("data:")
d.secret("k8s-secret-data", f"  api-token: {base64.b64encode(alnum_secret(32).encode()).decode()}")
d.ctx("---", "apiVersion: apps/v1", "kind: Deployment", "spec:", "  template:", "    spec:",
      "      containers:", "        - name: api", "          env:", "            - name: DB_PASSWORD",
      "              valueFrom:", "                secretKeyRef:")
d.clean("secret-reference", "                  name: api-credentials")
d.clean("secret-reference", "                  key: POSTGRES_PASSWORD")
d.ctx("            - name: IMAGE_SHA")
d.clean("sha256-digest", f"              value: sha256:{sha256_hex()}")
d.ctx(f"          image: registry.acme.io/api@sha256:{sha256_hex()}")

d = doc("deploy/ansible/group_vars/prod.yml")
d.ctx("---", "app_user: deploy")
d.secret("generic-password", f"mysql_root_password: {strong_password()}")
d.clean("ansible-vault", "vault_db_password: !vault |")
d.ctx("  $ANSIBLE_VAULT;1.1;AES256")
for _ in range(3):
    d.ctx("  " + rs(64, "0123456789"))
d.clean("template-var", 'db_password: "{{ vault_db_password }}"')
d.secret("generic-password", f"smtp_pass: '{human_password()}'")
d.clean("template-var", "admin_token: \"{{ lookup('env', 'ADMIN_TOKEN') }}\"")
d.clean("sops-encrypted", f"api_key: ENC[AES256_GCM,data:{rs(32, B64)},iv:{rs(43, B64)}=,tag:{rs(22, B64)}==,type:str]")

d = doc(".github/workflows/release.yml")
d.ctx("name: release", "on:", "  push:", "    tags: ['v*']", "jobs:", "  publish:", "    runs-on: ubuntu-latest",
      "    env:")
d.clean("gha-secret-ref", "      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}")
d.clean("gha-secret-ref", "      PYPI_TOKEN: ${{ secrets.PYPI_API_TOKEN }}")
d.secret("dockerhub-pat", f"      DOCKER_PASSWORD: {dockerhub_pat()}")
d.ctx("    steps:", "      - uses: actions/checkout@" + git_sha(), "      - run: npm publish")
d.clean("gha-secret-ref", "        env: { NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}' }")
d.secret("cli-token-flag", f"      - run: gh release upload --repo acme/app --token={github_pat()} dist/*")
d.secret("cli-password-flag", f"      - run: docker login -u acmebot -p {strong_password().replace('$', '')} registry.acme.io")
d.clean("cli-password-flag-var", '      - run: echo "$REGISTRY_PASSWORD" | docker login -u acmebot --password-stdin registry.acme.io')

d = doc(".gitlab-ci.yml")
d.ctx("stages: [test, deploy]", "variables:")
d.secret("gitlab-pat", f"  GITLAB_API_TOKEN: {gitlab_pat()}")
d.clean("template-var", '  DEPLOY_TOKEN: "$CI_JOB_TOKEN"')
d.ctx("deploy:", "  stage: deploy", "  script:")
d.secret("curl-basic-auth", f"    - curl -u deploy:{strong_password().replace('$', '').replace(' ', '')} https://nexus.acme.io/upload")
d.secret("curl-header-token", f'    - curl -H "PRIVATE-TOKEN: {gitlab_pat()}" https://gitlab.acme.io/api/v4/projects')
d.clean("template-var", '    - curl -H "PRIVATE-TOKEN: $GITLAB_API_TOKEN" https://gitlab.acme.io/api/v4/projects')

d = doc("infra/prod/providers.tf")
d.ctx('provider "aws" {', '  region     = "eu-west-1"')
d.secret("aws-key-pair", [f'  access_key = "{aws_key_id()}"', f'  secret_key = "{aws_secret()}"'])
d.ctx("}", "", 'resource "aws_db_instance" "main" {', '  engine   = "postgres"', '  username = "app"')
d.secret("generic-password", f'  password = "{strong_password().replace("$", "")}"')
d.ctx("}", "", 'resource "aws_db_instance" "replica" {')
d.clean("tf-var", "  password = var.db_password")
d.clean("tf-ref", "  password = random_password.db.result")
d.ctx("}", 'provider "azurerm" {', "  features {}")
d.secret("azure-client-secret", f'  client_secret = "{azure_client_secret()}"')
d.clean("uuid", f'  tenant_id     = "{uuid4()}"')
d.clean("uuid", f'  subscription_id = "{uuid4()}"')
d.ctx("}", 'provider "datadog" {')
d.secret("datadog-api-key", f'  api_key = "{datadog_api()}"')
d.secret("datadog-app-key", f'  app_key = "{datadog_app()}"')
d.ctx("}")

d = doc("infra/prod/terraform.tfvars")
d.secret("digitalocean-token", f'do_token = "{digitalocean_token()}"')
d.secret("cloudflare-api-token", f'cloudflare_api_token = "{rs(40, URLSAFE)}"')
d.clean("config-word", 'environment = "prod"')
d.clean("git-sha", f'app_version = "{git_sha()}"')

d = doc("config/azure/storage.json")
acct = "acme" + rs(6, string.ascii_lowercase + string.digits)
d.ctx("{")
d.secret("azure-storage-connection-string",
         f'  "StorageConnection": "DefaultEndpointsProtocol=https;AccountName={acct};AccountKey={azure_storage_key()};EndpointSuffix=core.windows.net",')
d.secret("azure-servicebus-connection-string",
         f'  "ServiceBus": "Endpoint=sb://acme-prod.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={azure_sas_key()}",')
d.clean("azure-dev-storage", '  "LocalStorage": "UseDevelopmentStorage=true",')
d.secret("sql-server-connection-string",
         f'  "Sql": "Server=tcp:acme.database.windows.net,1433;Database=shop;User ID=shopadmin;Password={strong_password().replace(";", "")};Encrypt=True;",')
d.clean("connection-string-no-password",
        '  "SqlIntegrated": "Server=localhost;Database=shop;Trusted_Connection=True;",')
d.ctx('  "Region": "westeurope"', "}")

d = doc("config/gcp/service-account.json")
sa_key = pkcs8_private_key()
proj = "acme-prod-" + rs(5, string.digits)
sa_lines = ["{", '  "type": "service_account",', f'  "project_id": "{proj}",',
            f'  "private_key_id": "{hex_secret(40)}",',
            '  "private_key": "' + "\\n".join(sa_key) + '\\n",',
            f'  "client_email": "deployer@{proj}.iam.gserviceaccount.com",',
            f'  "client_id": "{R.randint(10**20, 10**21)}",',
            '  "auth_uri": "https://accounts.google.com/o/oauth2/auth",',
            '  "token_uri": "https://oauth2.googleapis.com/token"', "}"]
d.secret("gcp-service-account", sa_lines)

d = doc("secrets/deploy_rsa")
d.secret("rsa-private-key", rsa_private_key())

d = doc("secrets/id_ed25519")
d.secret("openssh-private-key", openssh_private_key())

d = doc("secrets/id_ed25519.pub")
d.clean("ssh-public-key", f"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{rs(43, B64)} deploy@acme")

d = doc("certs/server.pem")
d.clean("certificate", ["-----BEGIN CERTIFICATE-----"] + pem_body(10, "MIIDdzCCAl+gAwIBAgIE") + ["-----END CERTIFICATE-----"])
d.secret("ec-private-key", ec_private_key())

d = doc("certs/public.pem")
d.clean("public-key", ["-----BEGIN PUBLIC KEY-----"] + pem_body(6, "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA") + ["-----END PUBLIC KEY-----"])

d = doc("backend/app/crypto/signing.py")
d.ctx(*import_py)
d.secret("pkcs8-private-key", ['SIGNING_KEY = """'] + pkcs8_private_key() + ['"""'])
d.clean("public-key", ['VERIFY_KEY = """', "-----BEGIN PUBLIC KEY-----"]
        + pem_body(2, "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE") + ["-----END PUBLIC KEY-----", '"""'])
d.clean("code", 'PEM_HEADER = "-----BEGIN PRIVATE KEY-----"')

d = doc("docs/ops/backup.asc")
d.secret("pgp-private-key", pgp_private_key())

d = doc("docs/setup.md")
d.ctx("# Setting up the service", "", "Export your credentials before running the tools:", "", "```bash")
d.clean("placeholder", "export OPENAI_API_KEY=sk-...")
d.clean("placeholder", "export GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
d.clean("placeholder", "export AWS_SECRET_ACCESS_KEY=<your-secret-access-key>")
d.clean("aws-doc-example", "aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE")
d.ctx("```", "", "For the staging cluster (rotate after the demo!):", "", "```bash")
d.secret("curl-header-token", f'curl -H "Authorization: Bearer {slack_bot()}" https://slack.com/api/auth.test')
d.secret("aws-key-pair", [f"export AWS_ACCESS_KEY_ID={aws_key_id()}", f"export AWS_SECRET_ACCESS_KEY={aws_secret()}"])
d.secret("mysql-uri-password", f"mysql://admin:{human_password().replace('@', '').replace('#', '')}@staging-db.acme.io:3306/app")
d.ctx("```", "", "The password must be at least 12 characters long.")
d.clean("prose", "Rotate the API token from the settings page; never commit a token or password.")
d.clean("image", f"![diagram](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAQAAAAEACAYAAAB{rs(120, B64)}=)")
d.clean("git-sha", f"Fixed in commit {git_sha()}.")

d = doc("docs/api.md")
d.ctx("## Authentication", "", "Send your key in the `X-Api-Key` header:", "", "```http")
d.clean("placeholder", "X-Api-Key: YOUR_API_KEY")
d.ctx("```", "", "Example response:", "", "```json")
d.clean("uuid", f'{{"id": "{uuid4()}", "token_type": "bearer", "expires_in": 3600}}')
d.ctx("```", "", "Webhook payloads are signed; verify the `X-Signature` header with your signing secret.")
d.clean("sha256-digest", f"X-Signature: sha256={sha256_hex()}")

d = doc("home/.npmrc")
d.secret("npm-token", f"//registry.npmjs.org/:_authToken={npm_token()}")
d.clean("env-lookup", "//npm.pkg.github.com/:_authToken=${GITHUB_PACKAGES_TOKEN}")
d.ctx("always-auth=true")

d = doc("home/.pypirc")
d.ctx("[distutils]", "index-servers = pypi", "", "[pypi]", "username = __token__")
d.secret("pypi-token", f"password = {pypi_token()}")

d = doc("home/.docker/config.json")
d.ctx("{", '  "auths": {', '    "registry.acme.io": {')
d.secret("docker-auth", f'      "auth": "{base64.b64encode(("acmebot:" + strong_password()).encode()).decode()}"')
d.ctx("    },", '    "https://index.docker.io/v1/": {')
d.clean("docker-credstore", '      "credsStore": "desktop"')
d.ctx("    }", "  }", "}")

d = doc("home/.netrc")
d.secret("netrc-password", f"machine api.heroku.com login ops@acme.io password {uuid4()}")
d.secret("netrc-password", f"machine nexus.acme.io login deploy password {human_password()}")

d = doc("home/.git-credentials")
d.secret("git-credential-url", f"https://acme-bot:{github_pat()}@github.com")
d.secret("git-credential-url", f"https://oauth2:{gitlab_pat()}@gitlab.acme.io")

d = doc("home/.cargo/credentials.toml")
d.ctx("[registry]")
d.secret("crates-io-token", f'token = "{crates_token()}"')

d = doc("home/.gem/credentials")
d.ctx("---")
d.secret("rubygems-api-key", f":rubygems_api_key: {rubygems_key()}")

d = doc("dotnet/NuGet.Config")
d.ctx('<?xml version="1.0" encoding="utf-8"?>', "<configuration>", "  <apikeys>")
d.secret("nuget-api-key", f'    <add key="https://www.nuget.org/api/v2/package" value="{nuget_key()}" />')
d.ctx("  </apikeys>", "  <packageSourceCredentials>", "    <acme>")
d.secret("generic-password", f'      <add key="ClearTextPassword" value="{strong_password().replace("&", "").replace("<", "")}" />')
d.clean("env-lookup", '      <add key="Password" value="%NUGET_FEED_PASSWORD%" />')
d.ctx("    </acme>", "  </packageSourceCredentials>", "</configuration>")

d = doc("legacy/WEB-INF/datasource.xml")
d.ctx("<datasources>", '  <datasource jndi-name="java:/ShopDS">',
      "    <connection-url>jdbc:mysql://db.internal:3306/shop</connection-url>", "    <user-name>shop</user-name>")
d.secret("generic-password", f"    <password>{human_password()}</password>")
d.ctx("  </datasource>", '  <datasource jndi-name="java:/AuditDS">')
d.clean("template-var", "    <password>${audit.db.password}</password>")
d.secret("jdbc-password", f'    <connection-url>jdbc:postgresql://audit.internal:5432/audit?user=audit&amp;password={alnum_secret(20)}</connection-url>')
d.ctx("  </datasource>", "</datasources>")

d = doc("images/worker/Dockerfile")
d.ctx("FROM golang:1.23 AS build", "WORKDIR /src")
d.secret("generic-token", f"ARG GOPROXY_TOKEN={hex_secret(40)}")
d.clean("dockerfile-arg", "ARG NPM_TOKEN")
d.secret("cli-token-flag", f"RUN --mount=type=cache,target=/root/.cache go run ./cmd/fetch --token={alnum_secret(32)}")
d.clean("dockerfile-secret-mount", "RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci")
d.secret("github-pat", f"RUN git clone https://x-access-token:{github_app()}@github.com/acme/private-lib.git")
d.ctx("FROM gcr.io/distroless/base", "COPY --from=build /out/worker /worker")

d = doc("scripts/ci/bootstrap.sh")
d.ctx("#!/bin/sh", "set -e")
d.secret("cli-password-flag", f"mysql -h db.internal -u root --password='{human_password()}' < schema.sql")
d.clean("cli-password-flag-var", 'mysql -h db.internal -u root --password="$MYSQL_ROOT_PASSWORD" < schema.sql')
d.secret("vault-token", f"VAULT_TOKEN={vault_token()} vault kv get secret/app")
d.clean("secret-reference", "vault kv get -field=password secret/data/app/db")
d.secret("amqp-uri-password", f'celery -A app worker --broker "amqp://app:{alnum_secret(18)}@mq.internal:5672/prod"')
d.secret("curl-header-token", f'curl -sf -H "Authorization: token {github_oauth()}" https://api.github.com/user')
d.clean("git-sha", f"git checkout {git_sha()}")
d.secret("sshpass", f"sshpass -p '{human_password()}' ssh deploy@10.0.4.12 'systemctl restart app'")

d = doc("backend/tests/test_payments.py")
d.ctx("import pytest", "", "")
d.secret("stripe-secret-key", f'LIVE_KEY = "{stripe_live()}"  # copied from prod to reproduce #412')
d.clean("test-constant", 'FAKE_PASSWORD = "hunter2"')
d.clean("test-constant", 'def test_login(client):\n    client.login(username="bob", password="test")'.split("\n")[1])
d.clean("test-constant", '    assert resp.json()["token"] == "token"')
d.secret("slack-webhook", f'ALERT_WEBHOOK = "{slack_webhook()}"')
d.clean("placeholder", 'MOCK_OPENAI_KEY = "sk-test-not-a-real-key"')

d = doc("backend/app/models/user.py")
d.ctx("from django.db import models", "", "class User(models.Model):")
d.clean("code", "    password = models.CharField(max_length=128)")
d.clean("code", "    api_token = models.CharField(max_length=64, unique=True, db_index=True)")
d.clean("code", "    def check_password(self, raw_password):")
d.clean("code", "        return check_password(raw_password, self.password)")
d.clean("bcrypt-hash", f'FIXTURE_HASH = "$2b$12${rs(53, ALNUM + "./")}"')
d.clean("code", '    PASSWORD_FIELD = "password"')
d.clean("code", "    token = secrets.token_urlsafe(32)")

d = doc("web/public/index.html")
d.ctx("<!doctype html>", "<html>", "<head>")
d.clean("sri-hash", f'  <script src="https://cdn.acme.io/app.js" integrity="sha384-{base64.b64encode(R.randbytes(48)).decode()}" crossorigin="anonymous"></script>')
d.clean("csp-nonce", f'  <meta http-equiv="Content-Security-Policy" content="script-src \'nonce-{rs(22, B64)}\'">')
d.ctx("</head>", "<body>", '  <form method="post">')
d.clean("html-form", '    <input type="password" name="password" placeholder="Password" autocomplete="current-password">')
d.secret("google-api-key", f'  <script src="https://maps.googleapis.com/maps/api/js?key={google_api_key()}"></script>')
d.ctx("  </form>", "</body>", "</html>")

d = doc("config/feature_flags.yaml")
d.ctx("flags:")
for flag in ["password_reset_v2", "token_rotation", "api_key_scopes", "secret_scanning_banner"]:
    d.clean("feature-flag", f"  {flag}: {R.choice(['true', 'false'])}")
d.clean("uuid", f"  experiment_id: {uuid4()}")

d = doc("services/mailer/config.toml")
d.ctx("[smtp]", 'host = "smtp.sendgrid.net"', "port = 587", 'user = "apikey"')
d.secret("sendgrid-api-key", f'password = "{sendgrid_key()}"')
d.ctx("", "[mailgun]", 'domain = "mg.acme.io"')
d.secret("mailgun-api-key", f'api_key = "{mailgun_key()}"')
d.ctx("", "[telegram]")
d.secret("telegram-bot-token", f'bot_token = "{telegram_bot()}"')
d.ctx("", "[discord]")
d.secret("discord-webhook", f'webhook = "{discord_webhook()}"')

d = doc("services/analytics/settings.ini")
d.ctx("[sentry]")
d.secret("sentry-auth-token", f"auth_token = {sentry_token()}")
d.clean("sentry-dsn-public", f"dsn_public_key = {rs(32, HEX)}")
d.ctx("[shopify]", "shop = acme-store.myshopify.com")
d.secret("shopify-access-token", f"access_token = {shopify_token()}")
d.ctx("[atlassian]", "site = acme.atlassian.net")
d.secret("atlassian-api-token", f"api_token = {atlassian_token()}")
d.ctx("[linear]")
d.secret("linear-api-key", f"key = {linear_key()}")

d = doc("services/analytics/.env.local")
d.secret("postgres-uri-password", f"DATABASE_URL=postgres://analytics:{alnum_secret(24)}@pg.internal:5432/analytics")
d.secret("weak-default-credential", "TEST_DATABASE_URL=postgres://postgres:postgres@localhost:5432/test")
d.clean("env-lookup", "REDIS_URL=${REDIS_URL}")
d.secret("anthropic-api-key", f"ANTHROPIC_API_KEY={anthropic_key()}")
d.secret("openai-api-key", f"OPENAI_API_KEY={openai_key()}")
d.clean("placeholder", "MISTRAL_API_KEY=")
d.secret("circleci-token", f"CIRCLE_TOKEN={circleci_token()}")
d.secret("postman-api-key", f"POSTMAN_API_KEY={postman_key()}")
d.secret("bitbucket-app-password", f"BITBUCKET_APP_PASSWORD={bitbucket_app_password()}")
d.clean("feature-flag", "FEATURE_PASSWORDLESS_LOGIN=true")

d = doc("api/src/main/java/com/acme/db/Pool.java")
d.ctx("package com.acme.db;", "", "class Pool {")
d.secret("jdbc-password", f'    String url = "jdbc:mysql://db.internal:3306/shop?user=shop&password={human_password().replace("&", "")}";')
d.secret("generic-password", f'    ds.setPassword("{strong_password()}");')
d.clean("env-lookup", '    ds.setPassword(System.getenv("SHOP_DB_PASSWORD"));')
d.clean("code", '    ds.setPassword(config.getString("db.password"));')
d.ctx("}")

d = doc("cmd/worker/queue.go")
d.ctx("package main", "", "func dial() {")
d.secret("amqp-uri-password", f'\tconn, _ := amqp.Dial("amqp://worker:{alnum_secret(20)}@rabbit.internal:5672/")')
d.secret("weak-default-credential", '\t// e.g. amqp://guest:guest@localhost:5672/')
d.secret("generic-password", f'\tdb, _ := sql.Open("postgres", "host=pg.internal user=worker password={strong_password().replace(" ", "")} dbname=jobs sslmode=require")')
d.clean("env-lookup", '\tdsn := fmt.Sprintf("host=%s user=%s password=%s", host, user, os.Getenv("PGPASSWORD"))')
d.secret("generic-api-key", f'\treq.Header.Set("X-API-Key", "{hex_secret(32)}")')
d.clean("code", '\treq.Header.Set("X-API-Key", cfg.APIKey)')
d.ctx("}")

d = doc("app/config/database.yml")
d.ctx("production:", "  adapter: postgresql", "  database: shop_production", "  username: shop")
d.secret("generic-password", f"  password: {human_password()}")
d.ctx("development:", "  adapter: postgresql")
d.clean("template-var", "  password: <%= ENV['DATABASE_PASSWORD'] %>")
d.clean("placeholder", "  password:")

d = doc("deploy/docker-compose.yml")
d.ctx("services:", "  db:", "    image: postgres:16", "    environment:")
d.secret("generic-password", f"      POSTGRES_PASSWORD: {strong_password().replace('$', '')}")
d.clean("env-lookup", "      POSTGRES_USER: ${POSTGRES_USER:-app}")
d.ctx("  redis:", "    image: redis:7")
d.secret("cli-password-flag", f"    command: redis-server --requirepass {alnum_secret(24)}")
d.ctx("  app:", "    build: .", "    environment:")
d.secret("mongodb-uri-password", f"      - MONGO_URL=mongodb://root:{alnum_secret(16)}@mongo:27017/admin")
d.clean("env-lookup", "      - SECRET_KEY_BASE=${SECRET_KEY_BASE}")

d = doc("web/src/config/oauth.ts")
d.ctx("export const oauth = {")
d.clean("uuid", f"  clientId: '{uuid4()}',")
d.secret("generic-secret", f"  clientSecret: '{alnum_secret(40)}',")
d.clean("url", "  tokenEndpoint: 'https://login.acme.io/oauth2/v2.0/token',")
d.clean("config-word", "  scope: 'openid profile offline_access',")
d.ctx("};")

d = doc("mobile/ios/GoogleService-Info.plist")
d.ctx('<?xml version="1.0" encoding="UTF-8"?>', "<plist version=\"1.0\">", "<dict>", "  <key>API_KEY</key>")
d.secret("google-api-key", f"  <string>{google_api_key()}</string>")
d.ctx("  <key>GCM_SENDER_ID</key>", f"  <string>{R.randint(10**11, 10**12)}</string>", "</dict>", "</plist>")

d = doc("scripts/tools/keys.rb")
d.ctx("require 'net/http'", "")
d.secret("generic-api-key", f"Net::HTTP.get(URI(\"https://api.acme.io/v1/items?api_key={alnum_secret(32)}\"))")
d.secret("generic-token", f"client = Octokit::Client.new(access_token: '{github_pat()}')")
d.clean("env-lookup", "client = Octokit::Client.new(access_token: ENV['GITHUB_TOKEN'])")
d.secret("aws-key-pair", [f"Aws.config.update(access_key_id: '{aws_key_id()}',",
                          f"                  secret_access_key: '{aws_secret()}')"])

d = doc("mobile/android/app/build.gradle.kts")
d.ctx("android {", "    defaultConfig {")
d.secret("generic-api-key", f'        buildConfigField("String", "MAPS_API_KEY", "\\"{alnum_secret(32)}\\"")')
d.clean("env-lookup", '        buildConfigField("String", "SENTRY_DSN", "\\"${System.getenv("SENTRY_DSN")}\\"")')
d.ctx("    }", "    signingConfigs {", '        create("release") {')
d.secret("generic-password", f'            storePassword = "{human_password()}"')
d.clean("env-lookup", '            keyPassword = System.getenv("KEY_PASSWORD")')
d.ctx("        }", "    }", "}")

d = doc("config/app.properties")
d.secret("generic-password", f"mail.smtp.password={human_password()}")
d.clean("template-var", "db.password=${DB_PASSWORD}")
d.secret("weak-default-credential", "ldap.password=changeit")
d.secret("generic-secret", f"oauth.client.secret={alnum_secret(32)}")
d.clean("config-number", "password.max.age.days=90")

# Credentials passed positionally or through well-known config shapes (no provider prefix:
# the generic detection peers most often miss).

d = doc("wordpress/wp-config.php")
d.ctx("<?php", "define( 'DB_NAME', 'wordpress' );", "define( 'DB_USER', 'wp_prod' );")
d.secret("generic-password", f"define( 'DB_PASSWORD', '{human_password()}' );")
d.ctx("define( 'DB_HOST', 'mysql.internal' );")
salt_chars = ALNUM + "!#$%&()*+,-./:;<=>?@[]^_{|}~ "
for name in ["AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY"]:
    d.secret("wordpress-salt", f"define( '{name}', '{rs(64, salt_chars)}' );")
d.clean("placeholder", "define( 'NONCE_KEY', 'put your unique phrase here' );")
d.clean("env-lookup", "define( 'WP_REDIS_PASSWORD', getenv( 'WP_REDIS_PASSWORD' ) );")
d.clean("config-word", "define( 'WP_DEBUG', false );")

d = doc("backend/app/notify/mail.py")
d.ctx("import smtplib", "import psycopg2", "import requests", "from requests.auth import HTTPBasicAuth", "")
d.secret("generic-password", f'server.login("alerts@acme.io", "{human_password()}")')
d.clean("code", "server.login(settings.SMTP_USER, settings.SMTP_PASSWORD)")
d.secret("generic-password", f'conn = psycopg2.connect(host="pg.internal", dbname="app", user="app", password="{strong_password()}")')
d.clean("code", "conn = psycopg2.connect(host=host, dbname=name, user=user, password=password)")
d.secret("mailgun-api-key", f'requests.post(MG_URL, auth=("api", "{mailgun_key()}"), data=msg)')
d.secret("generic-password", f'session.auth = HTTPBasicAuth("jenkins", "{alnum_secret(34)}")')
d.clean("code", 'log.warning("invalid password for user %s", username)')
d.clean("code", 'token = request.headers["Authorization"].removeprefix("Bearer ")')
d.clean("code", "if not hmac.compare_digest(token, expected_token):")
d.clean("placeholder", "password = None")

d = doc("api/src/main/java/com/acme/mail/Mailer.java")
d.ctx("package com.acme.mail;", "", "class Mailer {", "  Session session() {")
d.secret("generic-password", f'    return new PasswordAuthentication("noreply@acme.io", "{human_password()}");')
d.secret("generic-password", f'    Connection c = DriverManager.getConnection("jdbc:sqlserver://sql.internal;databaseName=crm", "sa", "{strong_password()}");')
d.clean("code", '    Connection c = DriverManager.getConnection(url, props.getProperty("user"), props.getProperty("password"));')
d.ctx("  }", "}")

d = doc("src/Acme.Billing/Smtp.cs")
d.ctx("using System.Net;", "", "class Smtp", "{")
d.secret("generic-password", f'    var creds = new NetworkCredential("billing@acme.io", "{human_password()}");')
d.clean("code", '    var creds = new NetworkCredential(cfg["Smtp:User"], cfg["Smtp:Password"]);')
d.ctx("}")

d = doc("scripts/windows/setup.ps1")
d.secret("generic-password", f'$password = ConvertTo-SecureString "{human_password()}" -AsPlainText -Force')
d.clean("code", '$password = Read-Host -AsSecureString "Password"')
d.secret("generic-token", f'$env:ARTIFACTORY_TOKEN = "{alnum_secret(64)}"')
d.clean("env-lookup", "$token = $env:ARTIFACTORY_TOKEN")

d = doc("scripts/windows/build.bat")
d.ctx("@echo off")
d.secret("generic-password", f"set SIGNING_PASSWORD={human_password().replace('%', '').replace('&', '')}")
d.ctx("signtool sign /f acme.pfx /p %SIGNING_PASSWORD% build\\acme.exe")
d.clean("env-lookup", "signtool sign /f acme.pfx /p %CERT_PASSWORD% build\\acme.exe")

d = doc("scripts/db/backup.sh")
d.ctx("#!/bin/bash")
d.secret("generic-password", f"PGPASSWORD='{strong_password()}' pg_dump -h pg.internal -U backup app > app.sql")
d.secret("cli-password-flag", f"mysqldump -u backup -p'{human_password()}' shop > shop.sql")
d.clean("env-lookup", 'PGPASSWORD="$(cat /run/secrets/pg_backup)" pg_dump -h pg.internal -U backup app > app.sql')
d.clean("code", "read -rsp 'Password: ' DB_PASS")

d = doc("deploy/redis/redis.conf")
d.ctx("bind 0.0.0.0", "port 6379")
d.secret("generic-password", f"requirepass {hex_secret(64)}")
d.secret("generic-password", f"masterauth {alnum_secret(32)}")
d.clean("config-word", "# requirepass foobared")

d = doc("deploy/nginx/htpasswd")
d.clean("apr1-hash", f"admin:$apr1${rs(8, ALNUM)}${rs(22, ALNUM + './')}")

d = doc("http/requests.http")
d.ctx("### list orders", "GET https://api.acme.io/v1/orders")
d.secret("basic-auth-header", "Authorization: Basic " + base64.b64encode(f"orders-svc:{strong_password()}".encode()).decode())
d.ctx("", "### with a variable", "GET https://api.acme.io/v1/orders")
d.clean("template-var", "Authorization: Bearer {{token}}")
d.ctx("", "### me")
d.secret("bearer-token", f"Authorization: Bearer {jwt()}")

d = doc("config/settings.yaml")
d.ctx("app:", "  name: billing", "database:", "  host: pg.internal", "  user: billing")
d.secret("generic-password", f"  password: '{human_password()}'")
d.ctx("auth:", "  issuer: https://login.acme.io")
d.secret("generic-secret", f"  secret: {b64_secret()}")
d.clean("placeholder", '  previous_secret: ""')
d.ctx("cache:")
d.clean("placeholder", "  password: ~")
d.clean("schema-word", "  password_policy: strong")

d = doc("api/openapi.yaml")
d.ctx("components:", "  securitySchemes:", "    ApiKeyAuth:", "      type: apiKey", "      in: header")
d.clean("config-word", "      name: X-API-KEY")
d.ctx("  schemas:", "    Login:", "      properties:", "        password:")
d.clean("schema-word", "          type: string")
d.clean("schema-word", "          format: password")
d.clean("uuid", f"          example: {uuid4()}")

# Identifiers and words assigned to secret-sounding names: the bulk of generic false
# positives on real SDK and application code.

d = doc("sdk/service/identity/errors.go")
d.ctx("package identity", "", "const (")
for name in ["InvalidPaginationTokenException", "ExpiredImportTokenException", "InvalidGitHubAccountTokenException",
             "PasswordResetRequiredException", "InvalidClientTokenId", "SecretNotFoundException"]:
    d.clean("identifier", f'\tErrCode{name} = "{name}"')
d.ctx(")", "", "const (")
for name in ["SetSecurityTokenServicePreferences", "DeleteWorkspaceServiceAccountToken", "GenerateCredentialReport",
             "RotateSecret", "GetSessionToken"]:
    d.clean("identifier", f'\top{name} = "{name}"')
d.clean("identifier", '\tAuthenticationTypeNoPassword = "no-password-required"')
d.clean("identifier", '\tChallengeNameDevicePasswordVerifier = "DEVICE_PASSWORD_VERIFIER"')
d.ctx(")")

d = doc("web/src/theme/tokens.ts")
d.ctx("export const tokens = {")
d.clean("design-token", "  colorTokenPrimary: 'var(--color-brand-primary-500)',")
d.clean("design-token", "  spacingToken: 'space-4',")
d.clean("identifier", "  passwordInputClass: 'form-control form-control--password',")
d.ctx("};")
d.clean("identifier", "export const AUTH_TOKEN_STORAGE_KEY = 'acme.auth.accessToken';")
d.clean("identifier", "export const SECRET_SCANNING_DOCS = 'https://docs.acme.io/security/secret-scanning';")
d.clean("identifier", "const query = gql`mutation ResetPasswordWithToken($token: String!) { resetPassword(token: $token) { ok } }`;")

d = doc("api/src/main/java/com/acme/auth/TokenKind.java")
d.ctx("package com.acme.auth;", "", "public enum TokenKind {")
d.clean("identifier", '    ACCESS("access_token"),')
d.clean("identifier", '    REFRESH("refresh_token"),')
d.clean("identifier", '    ID("id_token");')
d.clean("identifier", '    public static final String PASSWORD_GRANT = "password";')
d.clean("identifier", '    public static final String CLIENT_SECRET_PARAM = "client_secret";')
d.clean("identifier", '    public static final String SECRET_HEADER = "X-Hub-Signature-256";')
d.ctx("}")

d = doc("backend/app/auth/constants.py")
d.clean("identifier", 'PASSWORD_RESET_TOKEN_SALT = "accounts.password-reset"')
d.clean("identifier", 'API_KEY_PREFIX = "acme_"')
d.clean("identifier", 'SECRET_BACKEND = "vault.kv.v2"')
d.clean("identifier", 'TOKEN_ALGORITHM = "RS256"')
d.clean("identifier", 'DEFAULT_PASSWORD_HASHER = "django.contrib.auth.hashers.PBKDF2PasswordHasher"')
d.clean("identifier", 'JWT_AUDIENCE = "https://api.acme.io"')

# Shapes that generic rules trip on in real SDK, chart and test code (seen on the benchmark
# tree): pagination field names, type annotations, secret *names*, doc comments.

d = doc("sdk/models/cloudfront/paginators-1.json")
d.ctx("{", '  "pagination": {', '    "ListDistributions": {')
d.clean("identifier", '      "input_token": "Marker",')
d.clean("identifier", '      "output_token": "DistributionList.NextMarker",')
d.ctx('      "limit_key": "MaxItems",', '      "result_key": "DistributionList.Items"', "    },",
      '    "ListStreamingDistributions": {')
d.clean("identifier", '      "output_token": "StreamingDistributionList.NextMarker",')
d.clean("identifier", '      "more_results": "InvalidationList.IsTruncated"')
d.ctx("    }", "  }", "}")

d = doc("sdk/gems/aws-sdk-identity/sig/types.rbs")
d.ctx("module Aws::Identity", "  module Types", "    class CreateUserRequest")
d.clean("type-annotation", "      attr_accessor passwords: ::Array[::String]")
d.clean("type-annotation", "      attr_accessor contact_post_pass_duration_seconds: ::Integer")
d.clean("type-annotation", "      attr_accessor secret_access_key: ::String")
d.clean("type-annotation", "      attr_accessor session_token: ::String?")
d.ctx("    end", "  end", "end")

d = doc("sdk/service/cognito/api.go")
d.ctx("package cognito", "")
d.clean("doc-comment", '// Respond with "ChallengeName": "PASSWORD_VERIFIER", "ChallengeParameters": {"USERNAME": "..."}.')
d.clean("identifier", '\tTruncationToken: "InvalidationBatchTruncated",')
d.clean("identifier", '\tPasswordVerifier = "PASSWORD_VERIFIER"')

d = doc("charts/shop/values.yaml")
d.ctx("ingress:", "  enabled: true")
d.clean("secret-reference", "  tlsSecret: shop-tls")
d.ctx("mariadb:", "  auth:")
d.clean("secret-reference", "    existingSecret: shop-mariadb")
d.clean("secret-reference", "    passwordSecretKey: mariadb-root-password")
d.clean("secret-reference", "    secretName: shop-credentials")
d.clean("placeholder", '    rootPassword: ""')

d = doc("sdk/test/s3/presign.spec.js")
d.clean("test-constant", "const url = 'https://bucket.s3.amazonaws.com/key?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=akid%2F20240101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240101T000000Z';")
d = doc("sdk/vars/manager.py")
d.clean("code", "self._omit_token = '__omit_place_holder__%s' % sha1(os.urandom(64)).hexdigest()")

# ---------------------------------------------------------------------------------------
# Second pass (issue 13): weak and default credentials, structured key material, more
# wrappings. Values come from their own generator so the files above do not change.
# ---------------------------------------------------------------------------------------

R2 = random.Random(SEED + 13)
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
B64 = string.ascii_letters + string.digits + "+/"
B64URL = string.ascii_letters + string.digits + "-_"


def r2(n: int, alphabet: str = ALNUM) -> str:
    return "".join(R2.choice(alphabet) for _ in range(n))


d = doc("deploy/docker-compose.db.yml")
d.ctx("services:", "  db:", "    image: mysql:8", "    environment:")
d.secret("weak-default-credential", "      MYSQL_ROOT_PASSWORD: welcome1")
d.clean("env-reference", "      MYSQL_PASSWORD: ${MYSQL_PASSWORD}")
d.clean("placeholder", '      MYSQL_ALLOW_EMPTY: ""')
d.ctx("  queue:", "    image: rabbitmq:3-management", "    environment:")
d.secret("weak-default-credential", "      - RABBITMQ_DEFAULT_PASS=rabbit2024")
d.clean("env-reference", "      - RABBITMQ_DEFAULT_USER=${RABBIT_USER}")

d = doc("db/migrations/0007_reporting_user.sql")
d.ctx("-- reporting role for the BI dashboards")
d.secret("weak-default-credential", "CREATE USER reporting IDENTIFIED BY 'report2023';")
d.secret("sql-password", f"ALTER USER etl WITH PASSWORD '{r2(12)}#{r2(4)}';")
d.clean("bind-parameter", "CREATE USER app IDENTIFIED BY :app_password;")

d = doc("scripts/restore-db.ps1")
d.ctx("param([string]$Server = 'sql01')")
d.secret("powershell-securestring", f'$pw = ConvertTo-SecureString "{r2(14)}!" -AsPlainText -Force')
d.clean("env-lookup", "$pw2 = ConvertTo-SecureString $env:RESTORE_PW -AsPlainText -Force")
d.ctx("Restore-SqlDatabase -ServerInstance $Server -Database shop -Credential $cred")

d = doc("config/jwks.json")
d.ctx('{"keys": [', '  {"kty": "RSA", "kid": "signing-2024", "use": "sig",')
d.clean("jwk-public-member", f'   "n": "{r2(342, B64URL)}",')
d.ctx('   "e": "AQAB",')
d.secret("jwk-private", f'   "d": "{r2(342, B64URL)}"}},')
d.secret("jwk-oct", f'  {{"kty": "oct", "kid": "hmac-1", "alg": "HS256", "k": "{r2(43, B64URL)}"}}')
d.ctx("]}")

d = doc("config/jwks.public.json")
d.clean("jwk-public", f'{{"keys": [{{"kty": "EC", "crv": "P-256", "x": "{r2(43, B64URL)}", "y": "{r2(43, B64URL)}"}}]}}')

d = doc("nats/worker.creds")
d.ctx("-----BEGIN NATS USER JWT-----")
d.clean("nats-user-jwt-header", "eyJ0eXAiOiJKV1QiLCJhbGciOiJlZDI1NTE5LW5rZXkifQ")
d.ctx("------END NATS USER JWT------", "", "-----BEGIN USER NKEY SEED-----")
d.secret("nkey-seed", "SU" + r2(56, B32))
d.ctx("------END USER NKEY SEED------")

d = doc("spec/cassettes/send_message.yml")
d.ctx("http_interactions:", "- request:", "    method: post", "    uri: https://api.mailer.acme.dev/v3/messages", "    headers:", "      Authorization:")
d.secret("basic-auth-header", "      - Basic " + base64.b64encode(f"api:key-{r2(32, '0123456789abcdef')}".encode()).decode())
d.ctx("      Content-Type:", "      - application/x-www-form-urlencoded")

d = doc("docs/cluster-setup.md")
d.ctx("# Joining a worker", "", "Run on each worker:", "", "```sh")
d.secret("kubeadm-token", f"kubeadm join 10.0.0.10:6443 --token {r2(6, string.ascii_lowercase + string.digits)}.{r2(16, string.ascii_lowercase + string.digits)} --discovery-token-ca-cert-hash sha256:{r2(64, '0123456789abcdef')}")
d.secret("docs-export", f"export GRAFANA_API_KEY={r2(40)}")
d.ctx("```", "")
d.clean("prose", "Password: use the one from the team vault, never a default.")
d.clean("prose", "The token: ask the on-call engineer for a fresh one.")

d = doc("src/main/java/com/acme/pay/KeyHolder.java")
d.ctx("package com.acme.pay;", "", "final class KeyHolder {")
d.secret("der-private-key", f'    static final String MERCHANT_KEY = "MIIEowIBAAKCAQEA{r2(220, B64)}";')
d.clean("der-public-key", f'    static final String GATEWAY_PUBLIC_KEY = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA{r2(220, B64)}";')
d.ctx("}")

d = doc("deploy/helm/values-tls.yaml")
d.ctx("tls:")
pem_head = base64.b64encode(b"-----BEGIN PRIVATE KEY-----\nMIIE").decode()
d.secret("pem-base64", f"  key: {pem_head}{r2(300, B64)}")
cert_head = base64.b64encode(b"-----BEGIN CERTIFICATE-----\nMIID").decode()
d.clean("pem-base64-certificate", f"  crt: {cert_head}{r2(300, B64)}")

d = doc("web/src/auth/totp.ts")
d.secret("otpauth-uri", f'export const enrolUri = "otpauth://totp/Acme:ops@acme.dev?secret={r2(32, B32)}&issuer=Acme";')
d.clean("otpauth-template", "export const template = `otpauth://totp/${issuer}:${user}?secret=${seed}`;")

d = doc("services/ledger/src/main/scala/Db.scala")
d.ctx("object Db {")
d.secret("generic-password", f'  val session = Session.single(host = "db", user = "ledger", password = Some("{r2(10)}#{r2(4)}"))')
d.clean("env-lookup", '  val token = Some(sys.env("LEDGER_TOKEN"))')
d.ctx("}")

d = doc("services/push/apns_config.go")
d.ctx("package push", "", "var defaults = Config{")
d.secret("generic-token", f'\tDeviceTokens: []string{{"{r2(64, "0123456789abcdef")}"}},')
d.clean("empty-list", "\tTopics: []string{},")
d.ctx("}")

d = doc("backend/tests/test_signup.py")
d.ctx("def test_signup(client):")
d.secret("weak-test-password", '    password = "letmein99"')
d.clean("placeholder", '    confirm = "<password>"')
d.clean("not-a-value", '    field = {"password": "password"}')

# ---------------------------------------------------------------------------------------
# Third pass (issue 13): credential stores written by tools, passwords given to
# administration commands, keys passed positionally or through builders, values split
# across lines, and look-alikes of those shapes. Own generator: earlier files stay as they are.
# ---------------------------------------------------------------------------------------

R3 = random.Random(SEED + 1313)


def r3(n: int, alphabet: str = ALNUM) -> str:
    return "".join(R3.choice(alphabet) for _ in range(n))


def pw3() -> str:
    """A typed password: upper, lower and digits in random order."""
    chars = [R3.choice(string.ascii_uppercase) for _ in range(4)]
    chars += [R3.choice(string.ascii_lowercase) for _ in range(6)]
    chars += [R3.choice(string.digits) for _ in range(3)]
    R3.shuffle(chars)
    return "".join(chars)


d = doc("home/.mozilla/firefox/q1w2e3.default/logins.json")
d.ctx('{"nextId": 3, "logins": [{', '  "id": 1,', '  "hostname": "https://git.acme-corp.io",')
d.clean("field-name", '  "passwordField": "password",')
d.ctx(f'  "encryptedUsername": "{r3(76, B64)}",')
d.secret("firefox-saved-login", f'  "encryptedPassword": "{r3(76, B64)}",')
d.ctx('  "encType": 1', "}]}")

d = doc("home/.dbeaver-data-sources.xml")
d.ctx('<?xml version="1.0" encoding="UTF-8"?>', "<data-sources>",
      '  <data-source id="postgres-jdbc-1" provider="postgresql" save-password="true">')
d.secret("dbeaver-password", f'    <connection host="db.acme-corp.io" port="5432" database="crm" user="report" password="{pw3()}"/>')
d.ctx("  </data-source>",
      '  <data-source id="postgres-jdbc-2" provider="postgresql" save-password="false">')
d.clean("no-password", '    <connection host="db2.acme-corp.io" port="5432" database="crm" user="report"/>')
d.ctx("  </data-source>", "</data-sources>")

d = doc("ops/admin/maintenance.sh")
d.ctx("#!/bin/sh", "set -eu")
d.secret("cli-password", f"redis-cli -h cache.acme-corp.io -a '{pw3()}' --no-auth-warning FLUSHDB")
d.clean("env-reference", 'redis-cli -h cache.acme-corp.io -a "$REDIS_PASSWORD" PING')
d.secret("cli-password", f'sqlcmd -S sql.acme-corp.io -U sa -P "{pw3()}" -Q "DBCC CHECKDB"')
d.secret("cli-password", f'ldapsearch -x -D "cn=admin,dc=acme-corp,dc=io" -w {pw3()} -b dc=acme-corp,dc=io "(uid=ops)"')
d.clean("prompt", 'ldapsearch -x -W -D "cn=admin,dc=acme-corp,dc=io" -b dc=acme-corp,dc=io')
d.secret("cli-password", f"htpasswd -b -c /etc/nginx/.htpasswd metrics {pw3()}")
d.clean("prompt", "htpasswd -c /etc/nginx/.htpasswd metrics")
d.secret("cli-password", f"rabbitmqctl add_user deploy {pw3()}")

d = doc("db/migrations/0007_grants.sql")
d.ctx("-- MySQL 5.7 style grants")
d.secret("sql-password", f"GRANT ALL PRIVILEGES ON shop.* TO 'shop'@'%' IDENTIFIED BY '{pw3()}';")
d.clean("no-password", "GRANT SELECT ON shop.* TO 'report'@'%';")

d = doc("services/auth/signing.py")
d.ctx("import hashlib", "import hmac", "import jwt", "", "def issue(payload):")
d.secret("signing-key-argument", f'    return jwt.encode(payload, "{r3(32)}", algorithm="HS256")')
d.ctx("", "def issue_from_settings(payload, settings):")
d.clean("variable", '    return jwt.encode(payload, settings.SECRET_KEY, algorithm="HS256")')
d.ctx("", "def sign(body: bytes) -> str:")
d.secret("signing-key-argument", f'    return hmac.new(b"{r3(28)}", body, hashlib.sha256).hexdigest()')
d.clean("variable", "    # hmac.new(key, body, hashlib.sha256) with key from the environment")

d = doc("services/billing/src/main/java/io/acme/billing/Payments.java")
d.ctx("package io.acme.billing;", "", "final class Payments {", "  static PaymentsClient client() {",
      "    return PaymentsClient.builder()")
d.secret("builder-api-key", f'        .apiKey("{r3(32)}")')
d.ctx('        .region("eu-west-1")', "        .build();", "  }", "  static PaymentsClient fromEnv() {",
      "    return PaymentsClient.builder()")
d.clean("env-reference", '        .apiKey(System.getenv("PAYMENTS_API_KEY"))')
d.ctx("        .build();", "  }", "}")

d = doc("services/crypto/material.py")
d.ctx("# split so the line stays short")
d.secret("split-literal", f'PRIVATE_KEY = ("{r3(24)}"')
d.ctx(f'               "{r3(24)}")')
d.clean("tuple", 'auth = ("deploy", os.environ["DEPLOY_PASSWORD"])')

d = doc("web/forms/fixtures/contact.js")
d.ctx("module.exports = {", "  components: [")
d.clean("numbered-identifier", '    { type: "textfield", key: "textField2", label: "Name" },')
d.clean("numbered-identifier", '    { type: "selectboxes", key: "selectBoxes1", label: "Topics" },')
d.ctx("  ],", "};")

d = doc("tests/test_scm_fields.py")
d.ctx("def test_quotes_survive():")
d.clean("prose", '    data = {"url": "https://git.acme-corp.io/repo.git", "password": "don\'t"}')


# ---------------------------------------------------------------------------------------
# Write
# ---------------------------------------------------------------------------------------


def main(files: Path = FILES, labels_path: Path = HERE / "labels.jsonl") -> None:
    if files.exists():
        shutil.rmtree(files)
    labels = []
    seen = set()
    for d in DOCS:
        if d.path in seen:
            raise SystemExit(f"duplicate corpus path {d.path}")
        seen.add(d.path)
        target = files / d.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(d.lines) + "\n", encoding="utf-8")
        labels.extend(d.labels)
    with open(labels_path, "w", encoding="utf-8") as out:
        for lab in labels:
            out.write(json.dumps(lab, sort_keys=True) + "\n")
    n_secret = sum(1 for x in labels if x["label"] == "secret")
    print(f"{len(DOCS)} files, {len(labels)} labels: {n_secret} secret, {len(labels) - n_secret} not-secret")


if __name__ == "__main__":
    main()

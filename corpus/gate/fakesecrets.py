"""Format-valid but fake credentials for the gate corpus.

Every value is built at generation time from a seeded random source, so the corpus is
reproducible, no real credential is ever involved, and the values still have the exact
shape (prefix, length, alphabet, checksum where the format has one) that a secret
scanner must recognise.
"""

import base64
import random
import string
import zlib

ALNUM = string.ascii_letters + string.digits
BASE62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
UPPER_B32 = string.ascii_uppercase + "234567"
HEX = "0123456789abcdef"


class Faker:
    """Builds fake tokens; one instance per corpus so the output is deterministic."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def _pick(self, alphabet: str, n: int) -> str:
        return "".join(self.rng.choice(alphabet) for _ in range(n))

    @staticmethod
    def _base62(n: int, width: int) -> str:
        out = ""
        while n:
            n, r = divmod(n, 62)
            out = BASE62[r] + out
        return out.rjust(width, "0")

    def _checksummed(self, prefix: str) -> str:
        """GitHub/npm style: 30 random base62 chars + 6-char base62 CRC32 of them."""
        body = self._pick(ALNUM, 30)
        return prefix + body + self._base62(zlib.crc32(body.encode()), 6)

    def aws_access_key_id(self) -> str:
        return "AKIA" + self._pick(UPPER_B32, 16)

    def aws_secret_access_key(self) -> str:
        return self._pick(ALNUM + "/+", 40)

    def github_pat(self) -> str:
        return self._checksummed("ghp_")

    def github_oauth(self) -> str:
        return self._checksummed("gho_")

    def github_fine_grained(self) -> str:
        return "github_pat_" + self._pick(ALNUM, 22) + "_" + self._pick(ALNUM, 59)

    def npm_token(self) -> str:
        return self._checksummed("npm_")

    def gitlab_pat(self) -> str:
        return "glpat-" + self._pick(ALNUM + "-_", 20)

    def slack_bot_token(self) -> str:
        return (
            "xoxb-"
            + self._pick(string.digits, 12)
            + "-"
            + self._pick(string.digits, 13)
            + "-"
            + self._pick(ALNUM, 24)
        )

    def slack_webhook(self) -> str:
        return (
            "https://hooks.slack.com/services/T"
            + self._pick(string.ascii_uppercase + string.digits, 10)
            + "/B"
            + self._pick(string.ascii_uppercase + string.digits, 10)
            + "/"
            + self._pick(ALNUM, 24)
        )

    def stripe_live_secret(self) -> str:
        return "sk_" + "live_" + self._pick(ALNUM, 99)

    def stripe_restricted(self) -> str:
        return "rk_" + "live_" + self._pick(ALNUM, 99)

    def openai_project_key(self) -> str:
        return "sk-proj-" + self._pick(ALNUM + "-_", 74) + "T3BlbkFJ" + self._pick(ALNUM + "-_", 74)

    def anthropic_key(self) -> str:
        return "sk-ant-api03-" + self._pick(ALNUM + "-_", 93) + "AA"

    def google_api_key(self) -> str:
        return "AIza" + self._pick(ALNUM + "-_", 35)

    def sendgrid_key(self) -> str:
        return "SG." + self._pick(ALNUM + "-_", 22) + "." + self._pick(ALNUM + "-_", 43)

    def huggingface_token(self) -> str:
        return "hf_" + self._pick(string.ascii_letters, 34)

    def digitalocean_token(self) -> str:
        return "dop_v1_" + self._pick(HEX, 64)

    def shopify_token(self) -> str:
        return "shpat_" + self._pick(HEX, 32)

    def pypi_token(self) -> str:
        return "pypi-AgEIcHlwaS5vcmc" + self._pick(ALNUM + "-_", 70)

    def azure_storage_connection_string(self) -> str:
        key = base64.b64encode(bytes(self.rng.randrange(256) for _ in range(64))).decode()
        return (
            "DefaultEndpointsProtocol=https;AccountName=prodstore"
            + self._pick(string.ascii_lowercase, 6)
            + ";AccountKey="
            + key
            + ";EndpointSuffix=core.windows.net"
        )

    def postgres_url(self) -> str:
        return (
            "postgres://app_admin:"
            + self._pick(ALNUM, 20)
            + "@db-prod-1.internal.example.net:5432/app"
        )

    def private_key_pem(self, kind: str = "RSA") -> str:
        raw = bytes(self.rng.randrange(256) for _ in range(900))
        body = base64.b64encode(raw).decode()
        lines = [body[i : i + 64] for i in range(0, len(body), 64)]
        label = f"{kind} PRIVATE KEY" if kind else "PRIVATE KEY"
        return "-----BEGIN " + label + "-----\n" + "\n".join(lines) + "\n-----END " + label + "-----\n"

    def discord_webhook(self) -> str:
        return (
            "https://discord.com/api/webhooks/"
            + self._pick(string.digits, 18)
            + "/"
            + self._pick(ALNUM + "-_", 68)
        )

    def telegram_bot_token(self) -> str:
        return self._pick(string.digits, 10) + ":AA" + self._pick(ALNUM + "-_", 33)

import pytest


LIVE_KEY = "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"  # copied from prod to reproduce #412
FAKE_PASSWORD = "hunter2"
    client.login(username="bob", password="test")
    assert resp.json()["token"] == "token"
ALERT_WEBHOOK = "https://hooks.slack.com/services/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"
MOCK_OPENAI_KEY = "sk-test-not-a-real-key"

job "api" {
  group "api" {
  env {
    APP_SECRET = "fD1W10ySqMupx1JnPVgqyDZEWVQGWGKZ"
    SHOPIFY_SHARED_SECRET = "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"
    SLACK_BOT_TOKEN = "{{ with secret "kv/data/app" }}{{ .Data.data.slack_bot_token }}{{ end }}"
    STRIPE_WEBHOOK_SECRET = "{{ with secret "kv/data/app" }}{{ .Data.data.stripe_webhook_secret }}{{ end }}"
    SESSION_COOKIE_NAME = "sessionid"
    SMTP_PASSWORD = "Pepper*tundra1839"
    ACCESS_TOKEN = "0iy8bAuDwGWoOkdJ81mlrVfwyYBa5XXv"
    MAILGUN_API_KEY = "key-e29501c36ba89cb6d93ac6ea6a222bae"
    AUTH_JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIyNTIwMCIsIm5hbWUiOiJzYW0iLCJpYXQiOjE2MjA3NjUwMzMsInJvbGUiOiJzZXJ2aWNlIn0.DfTz5JvtSIr6qw5NtqljbYP7Wt0iEjmutNDRjWSdK2Y"
    REQUEST_ID = "13ca8e4b-7f0f-41dd-abea-e8dc7fc8b838"
    CACHE_KEY = "user:profile:v2"
  }
  }
}

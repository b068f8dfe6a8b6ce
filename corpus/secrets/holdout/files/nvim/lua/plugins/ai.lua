return {
  cache_key = "user:profile:v2",
  build_revision = "91dc7ac0cfe73ce5477a0de434e75ed4c38ed48b",
  private_key = "83311293d43497a0496677aad771018d",
  webhook_secret = "47e2907df4c56034e4af348e51ccbe01",
  token_url = "https://auth.example.com/oauth2/token",
  discord_bot_token = "MzE4MzM0MDg0NzE5ODE2NzQz.UidsN0.vdmiEKO7O0RBkLaUfuWD-tBpdRDs7n_uwiNVOL",
  shopify_access_token = "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",
  consumer_secret = os.getenv("CONSUMER_SECRET"),
  github_token = os.getenv("GITHUB_TOKEN"),
  digitalocean_token = "dop_v1_88bce470ea20dddb655238d5274eb2a70f665c5696593d8cde3bac94a4041926",
}

resource "aws_ssm_parameter" "app" {
  name = "/app/config"
  gem_host_api_key = var.gem_host_api_key
  integrity = "sha512-2gnnU7a44vK5r0l1ERHOXa44DFWWo4HSMeZPXUJ/d4E2jA8Rax1qttq0iMp6D9AZiwKkWVqN7jBAGdQBfz59Xw=="
  gh_fine_grained_pat = "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"
  sendgrid_api_key = "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"
  db_password = var.db_password
  twilio_account_sid = "AC24a1d1e18dce09143305a43940d9e1ed"
  pwd = "8AXl0jUHpu-4NO=-8S"
  build_revision = "7575d19868fc71e7d8bb0d966367c29028a26592"
  db_password = "Cobalt$tundra4982"
  telegram_bot_token = "1356747741:AA92XdQrLwPMNNzyMlQjFJGTw7aASOC-bYt"
  jwt_secret = "cpe3JFoRp3WaVdhLg5PZVIt1BA7P5+3vqGdhBLfSpR0="
  access_token = "cdWwIU7kEc8fDXHr0hHwRuZJxDsrNBzOwV5gUh9BoLbsqNEE"
  secret_key = "<changeme>"
}

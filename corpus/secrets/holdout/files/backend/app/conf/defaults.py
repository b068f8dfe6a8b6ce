import os

DEFAULTS = {
    "sendgrid_api_key": os.environ.get("SENDGRID_API_KEY"),
    "anthropic_api_key": "sk-ant-api03-FAgCxkholUvlGBDoxr1z4Ql3Y26gojzHSIk1Mxz015vGxNPCqGtXbur8ri0VxaGAqDSAWrIaAto9Dhywnws6vMxwvnfXZAA",
    "secret_key": "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx",
    "client_secret": "yAKhhY6gtMxt6Qdj/91ZBp881eHSIczFNnOCZPP5BGI=",
    "hf_token": os.environ.get("HF_TOKEN"),
    "google_api_key": "AIza4RDvLBjq9BsaxdGBLqdXudS8Xey4EQcBe1M",
    "smtp_password": "Glacier&copper5573",
    "azure_client_secret": "ZCX8Q~_xGAQAEoDIcAq3VQK-hXs-1MGZeYRchzCI",
    "password_reset_path": "/accounts/password/reset/",
    "slack_bot_token": "xoxb-40650404769-2489750397431-bWUXUUVMCuhoYluH1xXS0vvc",
    "app_secret": "vasReNda5SY7X58uy2oHUPP6",
    "passwd": "Willow&maple9952",
    "test_password": "test",
    "color_token": "#1F6FEB",
}

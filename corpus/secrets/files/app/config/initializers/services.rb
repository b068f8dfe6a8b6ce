module Services
  class Config
  gh_oauth_token = ENV.fetch('GH_OAUTH_TOKEN')
  password = 'Maple&pepper6624'
  admin_password = 'o_1%hN*PVk4&wubkn4tGNM%nMiQt'
  client_id = '170680ed-4cac-4adf-9f95-cb21ac22103a'
  telegram_bot_token = '3665760071:AAdwy8g_qR4Ethml6unupwbFUP_MD4OVAgH'
  mistral_api_key = 'GbaTSHaAyFvZgshxmWo1CNNO6O9rr2q2'
  github_token = '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'
  slack_webhook_url = 'https://hooks.slack.com/services/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'
  api_key_header = 'X-Api-Key'
  api_secret = ENV.fetch('API_SECRET')
  db_password = 'E%HT9nehnDMuWx4_KA5'
  password = 'TODO'
  stripe_publishable_key = 'pk_live_E7SOasmexFjPBKdSftJXEoIQ'
  encryption_key = 'VbkuklF+NZbuNMsqhRyL+kGMoVbrHRGJ'
  end
end

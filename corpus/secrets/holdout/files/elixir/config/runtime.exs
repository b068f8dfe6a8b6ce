import Config

config :shop, Shop.Payments,
  jwt_signing_key: System.fetch_env!("JWT_SIGNING_KEY"),
  stripe_webhook_secret: "whsec_Jmr4U7O9zRrIG5DEtzooqGgrjTTYtGF5",
  anthropic_api_key: "sk-ant-api03-6j_n7qvu9uR8QuW8sdX0nL8YtGeOUM39sb88O6t1adNFIJEaDOtU6vlA_ggnSlrwAU5YH7G-NwE7s2p7mJlmsTxTXPH6sAA",
  redis_password: "D&n?c6yhSe3nGFb2a-SbU2",
  auth_token: "66d38b022476bcf9e06a735d4d71afed36c9c2842aa3b01c11b534ba8d1b2554",
  vault_token: "hvs.PEKD9SBr2Evlh5IdjRqXzOVFIyAPbpST-lfrXKhSyy7sNvrPJ-_bW6SJLMdx2F3WT1OLR3dK-_ZAyeSQOfO3oBWew0",
  token: "dummy",
  cache_key: "user:profile:v2",
  app_secret: "RwqfG0yQoEA5TNKsTOp0MstE80gEJy2ErnueHeiNYreonq4h",
  tenant_id: "4f06272b-dd97-4267-859d-5043a261a7b5",
  stripe_webhook_secret: System.fetch_env!("STRIPE_WEBHOOK_SECRET"),
  region: "eu"

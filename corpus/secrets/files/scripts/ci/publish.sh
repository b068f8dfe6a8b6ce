#!/usr/bin/env bash
set -euo pipefail

export API_KEY='********'
export VAULT_TOKEN='hvs.Rr302l1L6bCaDVyP8Y1ZyGjvv2irGtUkxv7eNVpXLi61_n2x-jPgx8qc3ogzsnOeAI6LU8Kc7Om9FLpGIpPBMyWCPf'
export PASSWORD_LABEL='Forgot your password?'
export GITLAB_TOKEN='glpat-XPpzEdL3uGBlmzORvi0R'
export DB_PASSWORD='s%YX@8IJdN!hihLB1+rW'
export SHOPIFY_ACCESS_TOKEN="${SHOPIFY_ACCESS_TOKEN:?missing}"
export SMTP_PASSWORD='Violet&falcon4716'
export DD_APP_KEY="${DD_APP_KEY:?missing}"
export MISTRAL_API_KEY='UdBhhFb1GlKrX5fSQC0N9DGsh4lwuPAN'
export PASSWORD_RESET_PATH='/accounts/password/reset/'
export DOCKERHUB_TOKEN='dckr_pat_zDOK_HDaXqtDtsO_bgTDsVqVr-z'
export PRIVATE_KEY='0c51d296343d7300bd5f6338a39965b2f42dfb62'
export AUTH_TOKEN='70114a580adff632b3d48efdc0f87196'
export HF_TOKEN="${HF_TOKEN:?missing}"
export STRIPE_PUBLISHABLE_KEY='pk_live_rZZZdfT1VHQgcc5zAzTK9Omo'
echo "done"

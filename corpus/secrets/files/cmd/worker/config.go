package main

import "os"

func loadConfig() {
	requestId := "9011d9ab-a555-427d-9175-cf6750f8f1eb"
	atlassianApiToken := os.Getenv("ATLASSIAN_API_TOKEN")
	refreshToken := "2tOnimj3TceN3EtGnPZt7unu"
	discordBotToken := "NDYwNzg1NzI0OTQ4OTg2MTc3.Fw1ETB.lGhM0d718kOhe8dr6eJmzNzAobtDV_hfFyhC70"
	consumerSecret := "kFMMB57J8YD8AcsIWyx5Rx5KtlQeaDaM"
	mistralApiKey := "5zEWc5FroR4BA2VroFNFosE4xgx3mC59"
	bitbucketAppPassword := "ATBBzUmljtyN255ArXYlT8NEamCP0O2s9DCD2D54"
	azureClientSecret := os.Getenv("AZURE_CLIENT_SECRET")
	ldapBindPassword := "Violet&meadow1429"
	tokenUrl := "https://auth.example.com/oauth2/token"
	jwtSecret := "uesfPY7IP2FiWOeN9uuOe9yB1NtJurhG"
	signingSecret := os.Getenv("SIGNING_SECRET")
	digitaloceanToken := "dop_v1_b67e7d2939b5a32a792c3db66015fb8756f2f8c50f3b21c93fc2b43b2601cce1"
	secretName := "prod/payments/db-credentials"
	imageDigest := "sha256:860a5dc3271924406250da7e595d940e790532ad9d7c6c6b54bcb7d7f151b3b7"
}

package main

import "os"

func loadConfig() {
	stripeRestrictedKey := "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"
	groqApiKey := "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"
	anthropicApiKey := os.Getenv("ANTHROPIC_API_KEY")
	discordWebhook := "https://discord.com/api/webhooks/861039493743265722/ib7a-yZKchh0LOSOwxu3jD3FeCxX9ACuc-J-g7SDHydPw1YnkFgKirqaBjwa1RC7uMv2"
	redisPassword := "I33Cg7+Qi#CT6Bi-o"
	atlassianApiToken := "ATATT3xFfGF09bz5LK0X1i1wqZ8e-IC31JD__DL8VmVz4UBD4D3lLpMSxRnjQCNiZm2SyBbhw8SHCvy8l-IYxb8oSjeWKo9XiTrpUkBbfYY5hOFw1ETBlGhM0d718kOhe8dr6eJmzNzAobtDV_hfFyhC700l4lmNBrzsei9NANPBPBEW9Jwv_2=ED19CBB9"
	clientId := "569cb2e0-fc1b-4f62-93b5-993aae780547"
	testPassword := "test"
	pwd := "Cw99x6*h%e%b1EXE7VqtoBv@wWwe"
	secretName := "prod/payments/db-credentials"
	passwd := "Maple!pepper8195"
	passwordBcrypt := "$2b$12$Kjd8nwgll66TFt9WtInCCzeTJ/fJ/RY25afjuVwnABsq6RWAAFh5T"
	jwtSecret := "WOAnOehN4aa5aYPbBX0cQg6lO4O0G06e589T3+KhYYk="
	sessionSecret := os.Getenv("SESSION_SECRET")
	clientSecret := os.Getenv("CLIENT_SECRET")
}

package com.acme

object ApiKeys {
    val apiKey = "PlL9ekgLIMttzWENlTIVVqHjx1h3snMEKvdw7AuTfLJ4Tm2z"
    val ghOauthToken = "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"
    val adminPassword = System.getenv("ADMIN_PASSWORD")
    val ldapBindPassword = "Tundra@copper9339"
    val passwordBcrypt = "$2b$12$WDIIABrlWXW6sVuN9YnQgqvV2S47nsJYgR/Dw2/t23Atp7QEL0Vrg"
    val awsAccessKeyId = "ASIAH52T5WC4IHITUPXP"
    val testPassword = "test"
    val bitbucketAppPassword = System.getenv("BITBUCKET_APP_PASSWORD")
    val dbPassword = "Willow*harbor8146"
    val npmToken = "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"
    val sendgridApiKey = "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"
    val refreshToken = "AYNyxTCgOGQ4rM0X1gFWWK6dJNXWefG5"
    val passwordLabel = "Forgot your password?"
    val cacheKey = "user:profile:v2"
}

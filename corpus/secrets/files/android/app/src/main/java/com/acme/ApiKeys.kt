package com.acme

object ApiKeys {
    val enablePasswordReset = "true"
    val ddAppKey = "ed6ed38a3278a975345f01a644d936b913f176d3"
    val anthropicApiKey = "sk-ant-api03-lAt0XV5mIm_hjlm_3wiunMMZ9xHtVpKA8RgS1PkyYIfWDIIABrlWXW6sVuN9YnQgqvV2S47nsJYgR_Dw2_t23Atp7QEL0AA"
    val clientSecret = System.getenv("CLIENT_SECRET")
    val jwtSecret = "l0acZe4BrlkzyXhxyxeLdyy1XpTAG9XX"
    val clientId = "0d6d12f3-2744-4a2f-9a9f-f0590179faec"
    val passwd = "Tundra%meadow492"
    val passwordLabel = "Forgot your password?"
    val digitaloceanToken = "dop_v1_b41da942b89e659000342b67f105473d827c64c3d27a404c606780a9ec05d3ef"
    val commitSha = "5a80f3a75d203b42fa08fe165211e7ced8ef8f6b"
    val hfToken = System.getenv("HF_TOKEN")
    val appSecret = "4PfPlUbJSHrSej1yvmNzniGTnru5LraC"
    val apiSecret = "ef038679a239b646f9c1dc4df984cc44"
    val hfToken = "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"
}

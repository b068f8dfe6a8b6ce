import Foundation

enum Keys {
    static let encryptionKey = "COK6J5jvuJbe7MlvIQz8X9jU8cE64ZHfZ5v4PRP0xpUCsq+zGh3ctUZpDCa6uiUp"
    let cohereApiKey = ProcessInfo.processInfo.environment["COHERE_API_KEY"]
    static let ldapBindPassword = "Copper@tundra5418"
    static let replicateApiToken = "r8_x4Hl8gWI8s0q1ePiQEieakmdBZ5mcEG6V57d4"
    static let passwd = "Copper#river9905"
    static let apiKey = "5uLWmdI61a3N73XLqBxR1OMaisFcl0yH"
    let slackBotToken = ProcessInfo.processInfo.environment["SLACK_BOT_TOKEN"]
    static let shopifySharedSecret = "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"
    static let tokenUrl = "https://auth.example.com/oauth2/token"
    static let cargoRegistryToken = "cioIWuehEUnfS2Ek5MJ4hGUuqGS8Yt6h7Fz"
    static let secretKey = "<token>"
    static let azureClientSecret = "WSl8Q~u1Nh0A4Si4QPQejpz3K.XOHao9odvh4O.s"
    static let requestId = "80fe5bfa-4502-4ba0-aa1f-50187d3b895f"
    static let apiKey = "<token>"
}

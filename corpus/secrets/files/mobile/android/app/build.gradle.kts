android {
    defaultConfig {
        buildConfigField("String", "MAPS_API_KEY", "\"yfY098UVb7vhDCtc3k7JzaJyzZIbQXKO\"")
        buildConfigField("String", "SENTRY_DSN", "\"${System.getenv("SENTRY_DSN")}\"")
    }
    signingConfigs {
        create("release") {
            storePassword = "Harbor$saffron4142"
            keyPassword = System.getenv("KEY_PASSWORD")
        }
    }
}

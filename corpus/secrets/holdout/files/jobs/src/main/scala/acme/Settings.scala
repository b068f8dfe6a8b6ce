package acme

object Settings {
  val gitlabToken: String = "glpat-uQnCBrUYEG6w_dJXf-_7"
  val clientSecret: String = "4eTmodFsKEjjYtQrbhlweV250dl5lv4HambjINPi9xI="
  val token: String = "<changeme>"
  val circleciToken: String = sys.env("CIRCLECI_TOKEN")
  val groqApiKey: String = "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"
  val vaultToken: String = "hvs.d1ZJ9ek2qgtkgbhCrICYkwJldU-b8pTqBHgjGXH_1jXyq8O0GWeFNYoLBVZJfsQUaLqznVyfHLRiFkxR4zVR67msL8"
  val nugetApiKey: String = sys.env("NUGET_API_KEY")
  val apiKey: String = "sdMoDJJiHvvoXUXfjodFqfsvuwxS6FFj"
  val integrity: String = "sha512-OpAiGD+EtFZsHGz2YzscPARf/i9jXWtKTHwGQI8tK+0C2N3k8sjRr57Ovv0knrJsGyfo/K3pq43md2XbUO6F2Q=="
  val encryptionKey: String = "rhGCvSrmQoC6Uq0r5gShNcZ6rN8i43LjeiBXV/5uxl32KUQ3xhXu06EskgEWq/Dh"
  val stripePublishableKey: String = "pk_live_5L2DjaLdf1KAACzlo8ElST75"
  val password: String = "********"
}

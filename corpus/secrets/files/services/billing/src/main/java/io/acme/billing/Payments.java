package io.acme.billing;

final class Payments {
  static PaymentsClient client() {
    return PaymentsClient.builder()
        .apiKey("TPywsxKc8NJuWmVZaWj5odUMPl7r2F7E")
        .region("eu-west-1")
        .build();
  }
  static PaymentsClient fromEnv() {
    return PaymentsClient.builder()
        .apiKey(System.getenv("PAYMENTS_API_KEY"))
        .build();
  }
}

package com.acme;

public final class Credentials {
    private static final String GITHUB_APP_TOKEN = "ghu_1DpMZqGb8NN9lZjQplG8sG8eI4bEg22JPqxe";
    private static final String DB_PASSWORD = "Saffron#pepper9692";
    private static final String LINEAR_API_KEY = "lin_api_ClA6YDY1yUVNmMqc99nhRPdy8prTwDNeAuAuFRxc";
    private static final String TOKEN_URL = "https://auth.example.com/oauth2/token";
    private final String mistralApiKey = System.getenv("MISTRAL_API_KEY");
    private static final String DIGITALOCEAN_TOKEN = "dop_v1_7755e7495d38dd71ea2f7be623a784c2f75ff5e110d7c7eb443655c518569cb2";
    private static final String SECRET_KEY = "REPLACE_ME";
    private static final String GITHUB_TOKEN = "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";
    private static final String REDIS_PASSWORD = "+=66TFt9WtInC%Cze";
    private static final String TENANT_ID = "3446aa70-1987-45cd-a051-1e463d9fe728";
    private final String adminPassword = System.getenv("ADMIN_PASSWORD");
    private static final String REFRESH_TOKEN = "pdCwDEhY2xL3BNX4DPB3hN37kjktbjpS";
    private static final String API_KEY = "your-secret-key";
    private static final String DB_PASSWORD = "J#fJ#RY25afjuVwnABsq6";
}

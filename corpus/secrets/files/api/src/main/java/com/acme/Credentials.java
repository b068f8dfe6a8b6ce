package com.acme;

public final class Credentials {
    private static final String GH_OAUTH_TOKEN = "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";
    private static final String TOKEN_URL = "https://auth.example.com/oauth2/token";
    private static final String ACCESS_TOKEN = "Jc78SSizHQcBHMDoQ1Yt23LFUfggpZyd";
    private static final String API_SECRET = "a5e396a9d70aa5d98c7976d7539f5ae2d7c9cb4d3906f4017a3ce24a7a6e1c52";
    private final String gitlabToken = System.getenv("GITLAB_TOKEN");
    private final String stripeSecretKey = System.getenv("STRIPE_SECRET_KEY");
    private static final String PASSWORD = "ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX";
    private static final String BUILD_REVISION = "8f21cb56e01a1634f8e57870b4af91cccab4f92d";
    private static final String HF_TOKEN = "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";
    private static final String MASTER_KEY = "ZoWl5cVGZ0xtD9I2wQd6KGWAlbrTLgJflMJNpocHRO8=";
    private static final String COHERE_API_KEY = "SecoFVjlhYjXZiJ2UMOLX82TN5nuvpadItroOSlk";
    private static final String REFRESH_TOKEN = "BI95XyE9YAd2jS6by9hBcAAEfl3e3Fxdlz615U37f5AMQtGu";
    private static final String SLACK_WEBHOOK_URL = "https://hooks.slack.com/services/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";
    private static final String TWILIO_ACCOUNT_SID = "AC2bbc1de562d6d244b32ca92f370997b5";
}

package com.acme.auth;

public enum TokenKind {
    ACCESS("access_token"),
    REFRESH("refresh_token"),
    ID("id_token");
    public static final String PASSWORD_GRANT = "password";
    public static final String CLIENT_SECRET_PARAM = "client_secret";
    public static final String SECRET_HEADER = "X-Hub-Signature-256";
}

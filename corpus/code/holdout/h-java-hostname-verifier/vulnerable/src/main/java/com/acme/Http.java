package com.acme;

import javax.net.ssl.HttpsURLConnection;

public final class Http {
    static {
        HttpsURLConnection.setDefaultHostnameVerifier((host, session) -> true);
    }
}

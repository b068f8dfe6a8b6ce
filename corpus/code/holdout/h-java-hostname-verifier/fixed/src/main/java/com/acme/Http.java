package com.acme;

import javax.net.ssl.HttpsURLConnection;

public final class Http {
    static HttpsURLConnection open(java.net.URL url) throws java.io.IOException {
        return (HttpsURLConnection) url.openConnection();
    }
}

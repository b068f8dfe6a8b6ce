package com.example;

import javax.net.ssl.*;

public final class InsecureHttp {
    public static SSLContext context() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(null, null, null);
        return ctx;
    }
}

package com.example;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Set;
import javax.servlet.http.*;

public class FetchServlet extends HttpServlet {
    private static final Set<String> ALLOWED = Set.of("api.partner.example", "static.example.com");

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        URL url = new URL(req.getParameter("url"));
        if (!ALLOWED.contains(url.getHost())) {
            resp.sendError(400);
            return;
        }
        try (InputStream in = url.openStream()) {
            in.transferTo(resp.getOutputStream());
        }
    }
}

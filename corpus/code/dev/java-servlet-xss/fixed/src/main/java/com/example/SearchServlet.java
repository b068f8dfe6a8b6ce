package com.example;

import java.io.IOException;
import javax.servlet.http.*;
import org.owasp.encoder.Encode;

public class SearchServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String q = req.getParameter("q");
        resp.setContentType("text/html");
        resp.getWriter().println("<p>You searched for " + Encode.forHtml(q) + "</p>");
    }
}

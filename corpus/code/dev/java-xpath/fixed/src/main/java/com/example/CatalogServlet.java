package com.example;

import java.io.IOException;
import javax.servlet.http.*;
import javax.xml.xpath.*;
import org.w3c.dom.Document;

public class CatalogServlet extends HttpServlet {
    private Document catalog;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String isbn = req.getParameter("isbn");
        if (isbn == null || !isbn.matches("[0-9X-]{10,17}")) {
            resp.sendError(400);
            return;
        }
        try {
            XPath xp = XPathFactory.newInstance().newXPath();
            String title = xp.evaluate("/catalog/book[@isbn='" + isbn + "']/title", catalog);
            resp.getWriter().println(title);
        } catch (XPathExpressionException e) {
            resp.sendError(400);
        }
    }
}

package com.example;

import java.io.IOException;
import javax.naming.NamingException;
import javax.naming.directory.*;
import javax.servlet.http.*;

public class DirectoryServlet extends HttpServlet {
    private DirContext ctx;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String user = req.getParameter("user");
        try {
            ctx.search("ou=people,dc=example,dc=com", "(uid=" + user + ")", new SearchControls());
        } catch (NamingException e) {
            resp.sendError(500);
        }
    }
}

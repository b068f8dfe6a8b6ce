package com.example;

import java.io.IOException;
import javax.servlet.http.*;

public class LogoutServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        req.getSession().invalidate();
        String target = req.getParameter("next");
        resp.sendRedirect(target);
    }
}

package com.example;

import java.io.IOException;
import javax.servlet.http.*;

public class PingServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String host = req.getParameter("host");
        Process p = new ProcessBuilder("ping", "-c", "1", "--", host).start();
        resp.getWriter().println("started " + p.pid());
    }
}

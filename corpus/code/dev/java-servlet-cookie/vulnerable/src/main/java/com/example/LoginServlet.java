package com.example;

import java.io.IOException;
import java.util.UUID;
import javax.servlet.http.*;

public class LoginServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Cookie c = new Cookie("SESSION", UUID.randomUUID().toString());
        c.setSecure(false);
        resp.addCookie(c);
    }
}

package com.example;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.Map;
import javax.servlet.http.*;

public class ImportServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(req.getInputStream())) {
            Object settings = in.readObject();
            resp.getWriter().println("imported " + settings);
        } catch (ClassNotFoundException e) {
            resp.sendError(400);
        }
    }
}

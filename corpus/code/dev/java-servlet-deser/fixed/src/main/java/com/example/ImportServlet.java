package com.example;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.Map;
import javax.servlet.http.*;

public class ImportServlet extends HttpServlet {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Map<?, ?> settings = MAPPER.readValue(req.getInputStream(), Map.class);
        resp.getWriter().println("imported " + settings.size());
    }
}

package com.example;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import javax.servlet.http.*;

public class DownloadServlet extends HttpServlet {
    private static final File BASE = new File("/srv/files");

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        File file = new File(BASE, req.getParameter("name"));
        Files.copy(file.toPath(), resp.getOutputStream());
    }
}

package com.example;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import javax.servlet.http.*;

public class DownloadServlet extends HttpServlet {
    private static final File BASE = new File("/srv/files");

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        File file = new File(BASE, req.getParameter("name")).getCanonicalFile();
        if (!file.toPath().startsWith(BASE.getCanonicalFile().toPath())) {
            resp.sendError(404);
            return;
        }
        Files.copy(file.toPath(), resp.getOutputStream());
    }
}

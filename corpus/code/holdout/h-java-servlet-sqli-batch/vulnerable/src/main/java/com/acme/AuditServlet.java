package com.acme;

import java.io.IOException;
import java.sql.*;
import javax.servlet.http.*;

public class AuditServlet extends HttpServlet {
    private Connection db;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String actor = req.getParameter("actor");
        String sql = "SELECT action FROM audit WHERE actor = '" + actor + "' ORDER BY ts DESC";
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            while (rs.next()) resp.getWriter().println(rs.getString(1));
        } catch (SQLException e) {
            resp.sendError(500);
        }
    }
}

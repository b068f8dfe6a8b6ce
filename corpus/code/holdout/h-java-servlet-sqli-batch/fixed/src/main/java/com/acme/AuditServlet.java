package com.acme;

import java.io.IOException;
import java.sql.*;
import javax.servlet.http.*;

public class AuditServlet extends HttpServlet {
    private Connection db;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String actor = req.getParameter("actor");
        PreparedStatement ps;
        try { ps = db.prepareStatement("SELECT action FROM audit WHERE actor = ? ORDER BY ts DESC"); ps.setString(1, actor); } catch (SQLException e) { resp.sendError(500); return; }
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) resp.getWriter().println(rs.getString(1));
        } catch (SQLException e) {
            resp.sendError(500);
        }
    }
}

package com.example;

import java.io.IOException;
import java.sql.*;
import javax.servlet.http.*;

public class UserServlet extends HttpServlet {
    private Connection conn;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String name = req.getParameter("name");
        try {
            PreparedStatement st = conn.prepareStatement("SELECT id, email FROM users WHERE name = ?");
            st.setString(1, name);
            ResultSet rs = st.executeQuery();
            resp.getWriter().println(rs.next() ? rs.getString("email") : "none");
        } catch (SQLException e) {
            resp.sendError(500);
        }
    }
}

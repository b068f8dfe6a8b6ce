package com.example;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.*;

@RestController
public class ProductController {
    private final JdbcTemplate jdbc;

    public ProductController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/products")
    public List<Map<String, Object>> search(@RequestParam String q) {
        return jdbc.queryForList("SELECT id, name FROM products WHERE name LIKE ?", "%" + q + "%");
    }
}

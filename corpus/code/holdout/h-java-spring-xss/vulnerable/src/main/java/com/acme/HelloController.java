package com.acme;

import org.springframework.web.bind.annotation.*;
import org.springframework.web.util.HtmlUtils;

@RestController
public class HelloController {
    @GetMapping(value = "/hello", produces = "text/html")
    public String hello(@RequestParam String name) {
        return "<h1>Hello " + name + "</h1>";
    }
}

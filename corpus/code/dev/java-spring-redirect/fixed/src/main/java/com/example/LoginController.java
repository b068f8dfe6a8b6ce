package com.example;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.*;

@Controller
public class LoginController {
    @GetMapping("/login/success")
    public String success(@RequestParam(defaultValue = "/") String next) {
        if (!next.startsWith("/") || next.startsWith("//")) {
            next = "/";
        }
        return "redirect:" + next;
    }
}

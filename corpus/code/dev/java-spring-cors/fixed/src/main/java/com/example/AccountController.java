package com.example;

import org.springframework.web.bind.annotation.*;

@RestController
@CrossOrigin(origins = "https://app.example.com", allowCredentials = "true")
public class AccountController {
    @GetMapping("/account")
    public String account() {
        return "{}";
    }
}

package com.example;

import org.springframework.web.bind.annotation.*;

@RestController
@CrossOrigin(origins = "*", allowCredentials = "true")
public class AccountController {
    @GetMapping("/account")
    public String account() {
        return "{}";
    }
}

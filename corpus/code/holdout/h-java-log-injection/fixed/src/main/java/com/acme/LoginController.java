package com.acme;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.*;

@RestController
public class LoginController {
    private static final Logger log = LoggerFactory.getLogger(LoginController.class);

    @PostMapping("/login")
    public String login(@RequestParam String username) {
        log.info("failed login for {}", username.replaceAll("[\\r\\n]", "_"));
        return "denied";
    }
}

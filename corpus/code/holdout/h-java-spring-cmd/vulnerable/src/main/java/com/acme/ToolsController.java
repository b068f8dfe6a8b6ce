package com.acme;

import org.springframework.web.bind.annotation.*;

@RestController
public class ToolsController {
    @PostMapping("/tools/nslookup")
    public String lookup(@RequestParam String host) throws Exception {
        Process p = Runtime.getRuntime().exec("nslookup " + host);
        return new String(p.getInputStream().readAllBytes());
    }
}

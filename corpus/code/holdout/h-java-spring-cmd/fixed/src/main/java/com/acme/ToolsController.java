package com.acme;

import org.springframework.web.bind.annotation.*;

@RestController
public class ToolsController {
    @PostMapping("/tools/nslookup")
    public String lookup(@RequestParam String host) throws Exception {
        Process p = new ProcessBuilder("nslookup", host).start();
        return new String(p.getInputStream().readAllBytes());
    }
}

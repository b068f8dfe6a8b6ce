package com.acme;

import org.springframework.web.bind.annotation.*;
import org.springframework.web.client.RestTemplate;

@RestController
public class PreviewController {
    private static final String OEMBED = "https://publish.twitter.com/oembed";
    private final RestTemplate rest = new RestTemplate();

    @GetMapping("/preview")
    public String preview(@RequestParam String endpoint, @RequestParam String url) {
        return rest.getForObject(OEMBED + "?url={u}", String.class, url);
    }
}

package com.acme;

import java.nio.file.*;
import org.springframework.web.bind.annotation.*;

@RestController
public class FileController {
    private static final Path ROOT = Paths.get("/data/files").toAbsolutePath().normalize();

    @GetMapping("/files")
    public byte[] get(@RequestParam String name) throws Exception {
        Path p = ROOT.resolve(name);
        return Files.readAllBytes(p);
    }
}

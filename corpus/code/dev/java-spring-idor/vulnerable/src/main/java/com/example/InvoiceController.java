package com.example;

import java.security.Principal;
import java.util.List;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.server.ResponseStatusException;
import static org.springframework.http.HttpStatus.NOT_FOUND;

@RestController
public class InvoiceController {
    private final InvoiceRepository repo;

    public InvoiceController(InvoiceRepository repo) {
        this.repo = repo;
    }

    @GetMapping("/invoices")
    public List<Invoice> mine(Principal principal) {
        return repo.findByOwner(principal.getName());
    }

    @GetMapping("/invoices/{id}")
    public Invoice one(@PathVariable Long id, Principal principal) {
        return repo.findById(id).orElseThrow(() -> new ResponseStatusException(NOT_FOUND));
    }
}

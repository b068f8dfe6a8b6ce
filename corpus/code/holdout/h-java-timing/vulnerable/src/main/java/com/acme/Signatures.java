package com.acme;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

public final class Signatures {
    public static boolean valid(String expected, String given) {
        return expected.equals(given);
    }
}

package com.acme;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

public final class Signatures {
    public static boolean valid(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}

package com.example;

import java.math.BigInteger;
import java.security.MessageDigest;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

public final class PasswordUtil {
    private static final BCryptPasswordEncoder ENCODER = new BCryptPasswordEncoder(12);

    public static String hash(String password) {
        return ENCODER.encode(password);
    }
}

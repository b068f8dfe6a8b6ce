package com.example;

import java.security.SecureRandom;
import java.util.Random;

public final class Tokens {
    public static String sessionId() {
        Random random = new Random();
        return Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
    }
}

package com.example;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

public final class Crypto {
    public static byte[] encrypt(byte[] key, byte[] data) throws Exception {
        Cipher c = Cipher.getInstance("DES/ECB/PKCS5Padding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "DES"));
        return c.doFinal(data);
    }
}

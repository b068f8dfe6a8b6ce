import os
from Crypto.Cipher import AES, DES


def encrypt_record(key: bytes, data: bytes) -> bytes:
    cipher = DES.new(key[:8], DES.MODE_ECB)
    pad = 8 - len(data) % 8
    return cipher.encrypt(data + bytes([pad]) * pad)

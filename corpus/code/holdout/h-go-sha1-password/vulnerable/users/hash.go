package users

import (
	"crypto/sha1"
	"fmt"

	"golang.org/x/crypto/argon2"
)

func Hash(password string, salt []byte) string {
	return fmt.Sprintf("%x", sha1.Sum(append(salt, password...)))
}

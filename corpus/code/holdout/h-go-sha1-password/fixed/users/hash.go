package users

import (
	"fmt"

	"golang.org/x/crypto/argon2"
)

func Hash(password string, salt []byte) string {
	return fmt.Sprintf("%x", argon2.IDKey([]byte(password), salt, 1, 64*1024, 4, 32))
}

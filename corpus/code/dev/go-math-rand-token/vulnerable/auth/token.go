package auth

import (
	"crypto/rand"
	"encoding/hex"
	mrand "math/rand"
)

func NewResetToken() string {
	b := make([]byte, 32)
	mrand.Read(b)
	return hex.EncodeToString(b)
}

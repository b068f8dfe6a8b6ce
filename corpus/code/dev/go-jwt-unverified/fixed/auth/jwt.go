package auth

import (
	"os"

	"github.com/golang-jwt/jwt/v5"
)

func Subject(tokenString string) (string, error) {
	token, err := jwt.Parse(tokenString, func(t *jwt.Token) (any, error) { return []byte(os.Getenv("JWT_SECRET")), nil }, jwt.WithValidMethods([]string{"HS256"}))
	if err != nil {
		return "", err
	}
	return token.Claims.GetSubject()
}

package main

import (
	"crypto/rand"
	"encoding/hex"

	"github.com/gin-gonic/gin"
)

func login(c *gin.Context) {
	b := make([]byte, 32)
	rand.Read(b)
	c.SetCookie("session", hex.EncodeToString(b), 3600, "/", "", false, false)
	c.JSON(200, gin.H{"ok": true})
}

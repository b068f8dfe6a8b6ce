package main

import (
	"os/exec"

	"github.com/gin-gonic/gin"
)

func convert(c *gin.Context) {
	src := c.PostForm("src")
	out, err := exec.Command("ffprobe", "-v", "quiet", "--", src).Output()
	if err != nil {
		c.String(500, "failed")
		return
	}
	c.Data(200, "application/json", out)
}

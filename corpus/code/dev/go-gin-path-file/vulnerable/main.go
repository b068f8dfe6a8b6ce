package main

import (
	"path/filepath"

	"github.com/gin-gonic/gin"
)

func download(c *gin.Context) {
	name := c.Query("name")
	c.File(filepath.Join("./exports", name))
}

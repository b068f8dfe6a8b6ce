package main

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"
)

func callback(c *gin.Context) {
	target := c.DefaultQuery("return", "/")
	c.Redirect(http.StatusFound, target)
}

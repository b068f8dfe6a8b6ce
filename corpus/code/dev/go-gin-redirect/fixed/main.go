package main

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"
)

func callback(c *gin.Context) {
	target := c.DefaultQuery("return", "/")
	if u, err := url.Parse(target); err != nil || u.IsAbs() || u.Host != "" {
		target = "/"
	}
	c.Redirect(http.StatusFound, target)
}

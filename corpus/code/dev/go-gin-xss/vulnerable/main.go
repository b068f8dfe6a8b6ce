package main

import (
	"html"
	"net/http"

	"github.com/gin-gonic/gin"
)

func greet(c *gin.Context) {
	name := c.Query("name")
	c.Data(http.StatusOK, "text/html; charset=utf-8", []byte("<p>Hi "+name+"</p>"))
}

package main

import (
	"io"
	"net/http"

	"github.com/gin-gonic/gin"
)

const geoAPI = "https://geo.example.com/v1/lookup"

func geo(c *gin.Context) {
	resp, err := http.Get(geoAPI + "?ip=" + c.ClientIP())
	if err != nil {
		c.Status(502)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	c.Data(200, "application/json", body)
}

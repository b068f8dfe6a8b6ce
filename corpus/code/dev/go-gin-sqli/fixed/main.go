package main

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"
)

var db *gorm.DB

type Product struct {
	ID   uint
	Name string
}

func listProducts(c *gin.Context) {
	var products []Product
	db.Raw("SELECT * FROM products WHERE name LIKE ?", "%"+c.Query("q")+"%").Scan(&products)
	c.JSON(http.StatusOK, products)
}

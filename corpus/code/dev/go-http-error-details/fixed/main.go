package main

import (
	"database/sql"
	"log"
	"net/http"
)

var db *sql.DB

func statsHandler(w http.ResponseWriter, r *http.Request) {
	var n int
	if err := db.QueryRow("SELECT count(*) FROM events").Scan(&n); err != nil {
		log.Printf("stats: %v", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Write([]byte("ok"))
}

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
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write([]byte("ok"))
}

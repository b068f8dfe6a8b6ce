package main

import (
	"net/http"
	"os"
	"path/filepath"
)

func templateHandler(w http.ResponseWriter, r *http.Request) {
	data, err := os.ReadFile(filepath.Join("templates", filepath.Base(r.URL.Query().Get("t"))))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Write(data)
}

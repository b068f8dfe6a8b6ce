package main

import (
	"net/http"
	"strings"
)

func loginDone(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	http.Redirect(w, r, next, http.StatusFound)
}

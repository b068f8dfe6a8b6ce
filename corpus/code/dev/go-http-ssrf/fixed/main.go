package main

import (
	"io"
	"net/http"
	"net/url"
)

var allowedHosts = map[string]bool{"api.example.com": true, "cdn.example.com": true}

func proxyHandler(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Query().Get("url")
	u, perr := url.Parse(target)
	if perr != nil || !allowedHosts[u.Hostname()] {
		http.Error(w, "host not allowed", http.StatusBadRequest)
		return
	}
	resp, err := http.Get(u.String())
	if err != nil {
		http.Error(w, "upstream error", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}

package main

import (
	"encoding/json"
	"net/http"
)

const sentryAPI = "https://sentry.io/api/0"

type testRequest struct {
	BaseURL string `json:"base_url"`
	Token   string `json:"token"`
}

func testSentry(w http.ResponseWriter, r *http.Request) {
	var in testRequest
	json.NewDecoder(r.Body).Decode(&in)
	req, _ := http.NewRequest("GET", sentryAPI+"/organizations/", nil)
	req.Header.Set("Authorization", "Bearer "+in.Token)
	resp, err := http.DefaultClient.Do(req)
	ok := err == nil && resp.StatusCode == 200
	json.NewEncoder(w).Encode(map[string]bool{"ok": ok})
}

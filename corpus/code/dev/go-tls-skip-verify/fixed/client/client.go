package client

import (
	"crypto/tls"
	"net/http"
	"time"
)

func New() *http.Client {
	tr := &http.Transport{TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS12}}
	return &http.Client{Transport: tr, Timeout: 10 * time.Second}
}

package main

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

const baseDir = "/srv/static"

func fileHandler(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("file")
	p := filepath.Join(baseDir, filepath.Clean("/"+name))
	if !strings.HasPrefix(p, baseDir+string(os.PathSeparator)) {
		http.NotFound(w, r)
		return
	}
	f, err := os.Open(p)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	io.Copy(w, f)
}

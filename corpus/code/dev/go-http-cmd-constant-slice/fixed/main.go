package main

import (
	"net/http"
	"os/exec"
)

func versionHandler(w http.ResponseWriter, r *http.Request) {
	cmds := []string{"git --version", r.URL.Query().Get("cmd")}
	out, _ := exec.Command("sh", "-c", cmds[0]).Output()
	w.Write(out)
}

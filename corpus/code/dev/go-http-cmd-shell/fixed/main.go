package main

import (
	"net/http"
	"os/exec"
)

func traceHandler(w http.ResponseWriter, r *http.Request) {
	host := r.FormValue("host")
	out, _ := exec.Command("traceroute", "--", host).CombinedOutput()
	w.Write(out)
}

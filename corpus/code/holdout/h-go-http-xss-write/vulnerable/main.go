package main

import (
	"html/template"
	"net/http"
)

var tpl = template.Must(template.New("x").Parse("<p>{{.}}</p>"))

func echo(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte("<p>" + r.URL.Query().Get("msg") + "</p>"))
}

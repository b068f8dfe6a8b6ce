package main

import (
	"html/template"
	"net/http"
)

var page = template.Must(template.New("p").Parse(`<div class="bio">{{.}}</div>`))

func bioHandler(w http.ResponseWriter, r *http.Request) {
	bio := r.FormValue("bio")
	page.Execute(w, template.HTML(bio))
}

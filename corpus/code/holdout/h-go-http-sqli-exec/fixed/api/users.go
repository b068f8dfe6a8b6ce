package api

import (
	"database/sql"
	"net/http"
)

type API struct{ DB *sql.DB }

func (a *API) Rename(w http.ResponseWriter, r *http.Request) {
	id, name := r.FormValue("id"), r.FormValue("name")
	_, err := a.DB.Exec("UPDATE users SET name = ? WHERE id = ?", name, id)
	if err != nil {
		http.Error(w, "failed", 500)
	}
}

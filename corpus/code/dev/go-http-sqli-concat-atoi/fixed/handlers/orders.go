package handlers

import (
	"database/sql"
	"net/http"
	"strconv"
)

type Server struct{ DB *sql.DB }

func (s *Server) DeleteOrder(w http.ResponseWriter, r *http.Request) {
	n, convErr := strconv.Atoi(r.URL.Query().Get("id"))
	if convErr != nil {
		http.Error(w, "bad id", 400)
		return
	}
	id := strconv.Itoa(n)
	_, err := s.DB.Exec("DELETE FROM orders WHERE id = " + id)
	if err != nil {
		http.Error(w, "failed", 500)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

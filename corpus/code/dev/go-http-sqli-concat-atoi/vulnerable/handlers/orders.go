package handlers

import (
	"database/sql"
	"net/http"
	"strconv"
)

type Server struct{ DB *sql.DB }

func (s *Server) DeleteOrder(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	_, err := s.DB.Exec("DELETE FROM orders WHERE id = " + id)
	if err != nil {
		http.Error(w, "failed", 500)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

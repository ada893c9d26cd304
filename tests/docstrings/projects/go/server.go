package server

import (
	"errors"
	"fmt"
)

type Server struct {
	Addr string
}

func NewServer(addr string) (*Server, error) {
	if addr == "" {
		return nil, errors.New("empty address")
	}
	return &Server{Addr: addr}, nil
}

func (s *Server) Describe() string {
	return fmt.Sprintf("server on %s", s.Addr)
}

// Start is already documented.
func (s *Server) Start() error { return nil }

func helper() {}

type Handler interface {
	Handle(path string) error
}

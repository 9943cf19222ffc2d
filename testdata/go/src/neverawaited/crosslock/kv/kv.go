// Package kv is a library the crosslock cases call: its functions lock
// mutexes their callers pass or own.
package kv

import "sync"

// Store guards its map with a mutex its methods take.
type Store struct {
	mu sync.Mutex
	m  map[string]int
}

func New() *Store { return &Store{m: map[string]int{}} }

// Lock and Unlock let a caller hold the store across several steps.
func (s *Store) Lock()   { s.mu.Lock() }
func (s *Store) Unlock() { s.mu.Unlock() }

// Get locks the store itself.
func (s *Store) Get(k string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m[k]
}

// GetLocked is Get for a caller that holds the lock.
func (s *Store) GetLocked(k string) int { return s.m[k] }

// SetLocked is a set for a caller that holds the lock.
func (s *Store) SetLocked(k string, v int) { s.m[k] = v }

// WithLock runs f holding mu.
func WithLock(mu *sync.Mutex, f func()) {
	mu.Lock()
	defer mu.Unlock()
	f()
}

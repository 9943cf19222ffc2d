package lockshapes

import (
	"errors"
	"sync"
)

// Unlocks through a closure kept in a variable, as error paths write
// them: the closure releases what the function locked.

// An error helper that releases both locks before the early return
// (nats-server's processJetStreamAtomicBatchMsg); the batch's mutex is
// reached through a field of the stream.
type batch struct {
	mu      sync.Mutex
	pending []string
}

type stream struct {
	mu      sync.Mutex
	batches *batch
}

// Fixed: every path releases both locks, the bad message's through fail.
func (s *stream) Stage(msgs []string) error {
	s.mu.Lock()
	if s.batches == nil {
		s.batches = &batch{}
	}
	b := s.batches
	b.mu.Lock()
	fail := func(m string) error {
		b.pending = nil
		b.mu.Unlock()
		s.mu.Unlock()
		return errors.New("unsupported message " + m)
	}
	for _, m := range msgs {
		if m == "" {
			return fail(m)
		}
		b.pending = append(b.pending, m)
	}
	b.mu.Unlock()
	s.mu.Unlock()
	return nil
}

// fail releases the batch but forgets the stream.
type leakyStream struct {
	mu      sync.Mutex
	batches *batch
}

func (s *leakyStream) Stage(msgs []string) error {
	s.mu.Lock() // want `mutex .leakyStream.mu. stays locked when .leakyStream.Stage. returns early.* \(AL155\)`
	if s.batches == nil {
		s.batches = &batch{}
	}
	b := s.batches
	b.mu.Lock()
	fail := func(m string) error {
		b.pending = nil
		b.mu.Unlock()
		return errors.New("unsupported message " + m)
	}
	for _, m := range msgs {
		if m == "" {
			return fail(m)
		}
		b.pending = append(b.pending, m)
	}
	b.mu.Unlock()
	s.mu.Unlock()
	return nil
}

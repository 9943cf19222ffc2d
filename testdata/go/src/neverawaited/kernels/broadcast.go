package kernels

import "sync"

// A watch broadcaster whose add holds the write lock while asking a
// helper that takes the read lock (modelled on etcd-io/etcd#6948, the
// grpcproxy watchbroadcast calling empty() under its own lock).
type broadcast struct {
	mu       sync.RWMutex
	watchers map[int]bool
}

func (b *broadcast) empty() bool {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return len(b.watchers) == 0
}

func (b *broadcast) add(id int) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	first := b.empty() // want `.broadcast.empty. locks mutex .broadcast.mu., which .broadcast.add. already holds: the goroutine blocks forever \(AL155\)`
	b.watchers[id] = true
	return first
}

// Fixed: the helper expects the caller to hold the lock.
type broadcastFixed struct {
	mu       sync.RWMutex
	watchers map[int]bool
}

func (b *broadcastFixed) emptyLocked() bool { return len(b.watchers) == 0 }

func (b *broadcastFixed) add(id int) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	first := b.emptyLocked()
	b.watchers[id] = true
	return first
}

// RunBroadcast drives the bug and drops every reference to it.
func RunBroadcast() {
	go (&broadcast{watchers: map[int]bool{}}).add(1)
}

// RunBroadcastFixed drives the fixed twin down the same path.
func RunBroadcastFixed() {
	(&broadcastFixed{watchers: map[int]bool{}}).add(1)
}

package kernels

import (
	"sync"
	"time"
)

// A folder model that emits events through a helper while holding its
// mutex, and an event loop that takes the same mutex to handle each
// event (modelled on syncthing/syncthing#5929, a model lock held across a
// call that waits for a goroutine that needs it): each waits for the
// other.
type folderModel struct {
	mu     sync.Mutex
	events chan string
	state  map[string]int
}

func newFolderModel() *folderModel {
	m := &folderModel{events: make(chan string), state: map[string]int{}}
	go m.loop()
	return m
}

func (m *folderModel) emit(ev string) { m.events <- ev }

func (m *folderModel) loop() {
	for ev := range m.events {
		m.mu.Lock() // want `locking mutex .folderModel.mu. can block forever: .folderModel.Scan. holds it while it waits for .folderModel.loop. \(AL155\)`
		m.state[ev]++
		m.mu.Unlock()
	}
}

func (m *folderModel) Scan(names []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, n := range names {
		m.state[n] = 0
		m.emit(n) // want `.folderModel.Scan. can block forever sending on .folderModel.events. \(in .folderModel.emit.\) while holding mutex .folderModel.mu.: its partner .folderModel.loop. must lock it first \(AL151\)`
		time.Sleep(time.Millisecond)
	}
}

// Fixed: events are emitted after the mutex is released.
type folderModelFixed struct {
	mu     sync.Mutex
	events chan string
	state  map[string]int
}

func newFolderModelFixed() *folderModelFixed {
	m := &folderModelFixed{events: make(chan string), state: map[string]int{}}
	go m.loop()
	return m
}

func (m *folderModelFixed) emit(ev string) { m.events <- ev }

func (m *folderModelFixed) loop() {
	for ev := range m.events {
		m.mu.Lock()
		m.state[ev]++
		m.mu.Unlock()
	}
}

func (m *folderModelFixed) Scan(names []string) {
	m.mu.Lock()
	for _, n := range names {
		m.state[n] = 0
	}
	m.mu.Unlock()
	for _, n := range names {
		m.emit(n)
		time.Sleep(time.Millisecond)
	}
	close(m.events)
}

// RunNotifier drives the bug and drops every reference to it.
func RunNotifier() {
	go newFolderModel().Scan([]string{"a", "b", "c"})
}

// RunNotifierFixed drives the fixed twin down the same path.
func RunNotifierFixed() {
	newFolderModelFixed().Scan([]string{"a", "b", "c"})
}

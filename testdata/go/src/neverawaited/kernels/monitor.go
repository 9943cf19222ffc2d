package kernels

import (
	"sync"
	"time"
)

// A keepalive monitor whose reset holds the monitor's mutex while it
// sends on the unbuffered reset channel; the monitor's loop takes the
// same mutex in its timeout case, so a timeout that fires while reset
// holds the lock leaves each waiting for the other (modelled on
// sensu/sensu-go#1264).
type keepaliveMonitor struct {
	mu        sync.Mutex
	failing   bool
	resetChan chan struct{}
	timeout   chan struct{}
	stop      chan struct{}
}

func newKeepaliveMonitor() *keepaliveMonitor {
	m := &keepaliveMonitor{resetChan: make(chan struct{}), timeout: make(chan struct{}),
		stop: make(chan struct{})}
	go m.loop()
	return m
}

func (m *keepaliveMonitor) loop() {
	for {
		select {
		case <-m.resetChan:
			m.failing = false
		case <-m.timeout:
			m.mu.Lock() // want `locking mutex .keepaliveMonitor.mu. can block forever: .keepaliveMonitor.reset. can hold it while it waits for this loop's select to receive from .keepaliveMonitor.resetChan., which the loop cannot do while it waits here \(AL155\)`
			m.failing = true
			m.mu.Unlock()
		case <-m.stop:
			return
		}
	}
}

func (m *keepaliveMonitor) reset() {
	m.mu.Lock()
	defer m.mu.Unlock()
	time.Sleep(40 * time.Millisecond) // the timeout fires meanwhile
	m.resetChan <- struct{}{}         // want `goroutine .keepaliveMonitor.reset. can block forever sending on .keepaliveMonitor.resetChan.: its receivers select on other cases and can stop receiving \(AL151\)`
}

// Fixed: the reset channel holds a pending reset, so reset never waits
// for the loop while it holds the lock.
type keepaliveMonitorFixed struct {
	mu        sync.Mutex
	failing   bool
	resetChan chan struct{}
	timeout   chan struct{}
	stop      chan struct{}
}

func newKeepaliveMonitorFixed() *keepaliveMonitorFixed {
	m := &keepaliveMonitorFixed{resetChan: make(chan struct{}, 1), timeout: make(chan struct{}),
		stop: make(chan struct{})}
	go m.loop()
	return m
}

func (m *keepaliveMonitorFixed) loop() {
	for {
		select {
		case <-m.resetChan:
			m.failing = false
		case <-m.timeout:
			m.mu.Lock()
			m.failing = true
			m.mu.Unlock()
		case <-m.stop:
			return
		}
	}
}

func (m *keepaliveMonitorFixed) reset() {
	m.mu.Lock()
	defer m.mu.Unlock()
	time.Sleep(40 * time.Millisecond)
	m.resetChan <- struct{}{}
}

// RunMonitor resets the monitor while its timeout fires.
func RunMonitor() {
	m := newKeepaliveMonitor()
	go m.reset()
	time.Sleep(10 * time.Millisecond)
	m.timeout <- struct{}{}
	time.Sleep(80 * time.Millisecond)
	close(m.stop)
	time.Sleep(5 * time.Millisecond)
}

// RunMonitorFixed does the same with the fixed twin.
func RunMonitorFixed() {
	m := newKeepaliveMonitorFixed()
	go m.reset()
	time.Sleep(10 * time.Millisecond)
	m.timeout <- struct{}{}
	time.Sleep(80 * time.Millisecond)
	close(m.stop)
	time.Sleep(5 * time.Millisecond)
}

package kernels

import (
	"sync"
	"time"
)

// A circuit's metrics whose ErrorPercent read-locks and then asks a
// helper that read-locks again; a writer queued in between blocks both
// (modelled on afex/hystrix-go#35 and cilium/cilium#2205).
type circuitMetrics struct {
	mu       sync.RWMutex
	errors   int
	requests int
}

func (m *circuitMetrics) total() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.requests
}

func (m *circuitMetrics) ErrorPercent() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	time.Sleep(100 * time.Millisecond)
	if t := m.total(); t > 0 { // want `.circuitMetrics.total. read-locks mutex .circuitMetrics.mu. again while .circuitMetrics.ErrorPercent. holds a read lock: a Lock waiting in between \(.circuitMetrics.Record.\) blocks both forever \(AL155\)`
		return m.errors * 100 / t
	}
	return 0
}

func (m *circuitMetrics) Record(failed bool) {
	m.mu.Lock() // want `this Lock of mutex .circuitMetrics.mu. can block forever: it waits for the read lock .circuitMetrics.ErrorPercent. holds, while .circuitMetrics.ErrorPercent. read-locks it again behind this Lock \(AL155\)`
	defer m.mu.Unlock()
	m.requests++
	if failed {
		m.errors++
	}
}

// Fixed: the helper expects the read lock held.
type circuitMetricsFixed struct {
	mu       sync.RWMutex
	errors   int
	requests int
}

func (m *circuitMetricsFixed) totalLocked() int { return m.requests }

func (m *circuitMetricsFixed) ErrorPercent() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	time.Sleep(100 * time.Millisecond)
	if t := m.totalLocked(); t > 0 {
		return m.errors * 100 / t
	}
	return 0
}

func (m *circuitMetricsFixed) Record(failed bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests++
	if failed {
		m.errors++
	}
}

// RunMetrics reads while a writer queues behind the first read lock.
func RunMetrics() {
	m := &circuitMetrics{}
	go m.ErrorPercent()
	time.Sleep(time.Millisecond)
	go m.Record(true)
}

// RunMetricsFixed does the same with the fixed twin.
func RunMetricsFixed() {
	m := &circuitMetricsFixed{}
	done := make(chan struct{})
	go func() { m.ErrorPercent(); close(done) }()
	time.Sleep(time.Millisecond)
	m.Record(true)
	<-done
}

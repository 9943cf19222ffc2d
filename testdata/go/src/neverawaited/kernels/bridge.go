package kernels

import (
	"sync"
	"time"
)

// A network driver whose configure path takes configMu then mu (through
// a helper), while the firewall-reload path takes mu then configMu
// (modelled on moby/moby#50619).
type bridgeDriver struct {
	mu       sync.Mutex
	configMu sync.Mutex
	proxy    string
	nets     int
}

func (d *bridgeDriver) proxyPath() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.proxy
}

func (d *bridgeDriver) configure() {
	d.configMu.Lock()
	defer d.configMu.Unlock()
	time.Sleep(100 * time.Millisecond)
	_ = d.proxyPath() // want `bridgeDriver.configure. locks \(through .bridgeDriver.proxyPath.\) mutex .bridgeDriver.mu. while holding .bridgeDriver.configMu.* \(AL155\)`
}

func (d *bridgeDriver) reload() {
	d.mu.Lock()
	defer d.mu.Unlock()
	time.Sleep(100 * time.Millisecond)
	d.configMu.Lock() // want `bridgeDriver.reload. locks mutex .bridgeDriver.configMu. while holding .bridgeDriver.mu.* \(AL155\)`
	d.nets++
	d.configMu.Unlock()
}

// Fixed: reload takes the locks in configure's order.
type bridgeDriverFixed struct {
	mu       sync.Mutex
	configMu sync.Mutex
	proxy    string
	nets     int
}

func (d *bridgeDriverFixed) proxyPath() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.proxy
}

func (d *bridgeDriverFixed) configure() {
	d.configMu.Lock()
	defer d.configMu.Unlock()
	time.Sleep(100 * time.Millisecond)
	_ = d.proxyPath()
}

func (d *bridgeDriverFixed) reload() {
	d.configMu.Lock()
	defer d.configMu.Unlock()
	time.Sleep(100 * time.Millisecond)
	d.mu.Lock()
	d.nets++
	d.mu.Unlock()
}

// RunBridge drives the bug and drops every reference to it.
func RunBridge() {
	d := &bridgeDriver{}
	go d.configure()
	go d.reload()
}

// RunBridgeFixed drives the fixed twin down the same path.
func RunBridgeFixed() {
	d := &bridgeDriverFixed{}
	done := make(chan struct{}, 2)
	go func() { d.configure(); done <- struct{}{} }()
	go func() { d.reload(); done <- struct{}{} }()
	<-done
	<-done
}

package kernels

import (
	"sync"
	"time"
)

// A Vault client whose SetConfig holds its lock while it stops the
// connection goroutine and waits for it to exit; the goroutine needs the
// same lock on its way out, so it can never exit and SetConfig waits
// forever (modelled on
// hashicorp/nomad#6082, "vault: fix deadlock in SetConfig").
type vaultClient struct {
	lock      sync.Mutex
	connected bool // guarded by lock
	stopCh    chan struct{}
	doneCh    chan struct{}
}

func newVaultClient() *vaultClient {
	v := &vaultClient{stopCh: make(chan struct{}), doneCh: make(chan struct{})}
	go v.establishConnection()
	return v
}

func (v *vaultClient) establishConnection() {
	defer close(v.doneCh)
	for {
		select {
		case <-v.stopCh:
			v.lock.Lock() // want `locking mutex .vaultClient.lock. can block forever: .vaultClient.SetConfig. holds it while it waits for .vaultClient.establishConnection. \(AL155\)`
			v.connected = false
			v.lock.Unlock()
			return
		case <-time.After(time.Millisecond):
		}
	}
}

func (v *vaultClient) SetConfig() {
	v.lock.Lock()
	defer v.lock.Unlock()
	close(v.stopCh)
	<-v.doneCh // want `.vaultClient.SetConfig. can block forever receiving from .vaultClient.doneCh. while holding mutex .vaultClient.lock.: its partner .vaultClient.establishConnection. must lock it first \(AL152\)`
	v.connected = false
}

// Fixed: SetConfig waits for the goroutine before it takes the lock.
type vaultClientFixed struct {
	lock      sync.Mutex
	connected bool
	stopCh    chan struct{}
	doneCh    chan struct{}
}

func newVaultClientFixed() *vaultClientFixed {
	v := &vaultClientFixed{stopCh: make(chan struct{}), doneCh: make(chan struct{})}
	go v.establishConnection()
	return v
}

func (v *vaultClientFixed) establishConnection() {
	defer close(v.doneCh)
	for {
		select {
		case <-v.stopCh:
			v.lock.Lock()
			v.connected = false
			v.lock.Unlock()
			return
		case <-time.After(time.Millisecond):
		}
	}
}

func (v *vaultClientFixed) SetConfig() {
	close(v.stopCh)
	<-v.doneCh
	v.lock.Lock()
	defer v.lock.Unlock()
	v.connected = true
}

// RunVaultClient reconfigures a running client.
func RunVaultClient() {
	v := newVaultClient()
	time.Sleep(3 * time.Millisecond)
	go v.SetConfig()
	time.Sleep(10 * time.Millisecond)
}

// RunVaultClientFixed does the same with the fixed twin.
func RunVaultClientFixed() {
	v := newVaultClientFixed()
	time.Sleep(3 * time.Millisecond)
	go v.SetConfig()
	time.Sleep(10 * time.Millisecond)
}

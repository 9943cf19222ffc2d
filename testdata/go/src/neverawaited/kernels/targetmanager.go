package kernels

import (
	"context"
	"time"
)

// A discovery manager whose sender hands target groups to a sync
// channel it never closes, read through a getter; the promtail target
// manager ranges over that channel in a goroutine, and its Stop only
// cancels the discovery manager's context: the sender returns, and the
// range waits forever (modelled on grafana/loki#5238, "TargetManager.run()
// not exit after stop is called").
type discoveryManager struct {
	syncCh chan []string
}

func newDiscoveryManager(ctx context.Context) *discoveryManager {
	m := &discoveryManager{syncCh: make(chan []string)}
	go m.sender(ctx)
	return m
}

func (m *discoveryManager) SyncCh() <-chan []string { return m.syncCh }

func (m *discoveryManager) sender(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case m.syncCh <- []string{"target"}:
			time.Sleep(time.Millisecond)
		}
	}
}

type targetManager struct {
	manager *discoveryManager
	cancel  context.CancelFunc
	synced  int
}

func newTargetManager() *targetManager {
	ctx, cancel := context.WithCancel(context.Background())
	tm := &targetManager{manager: newDiscoveryManager(ctx), cancel: cancel}
	go tm.run()
	return tm
}

func (tm *targetManager) run() {
	for groups := range tm.manager.SyncCh() { // want `.targetManager.run. can block forever receiving from .discoveryManager.syncCh.: its sender, goroutine .discoveryManager.sender., can stop sending, and nothing closes it \(AL152\)`
		tm.synced += len(groups)
	}
}

func (tm *targetManager) Stop() { tm.cancel() }

// Fixed: run also watches the context Stop cancels.
type targetManagerFixed struct {
	manager *discoveryManager
	ctx     context.Context
	cancel  context.CancelFunc
	synced  int
}

func newTargetManagerFixed() *targetManagerFixed {
	ctx, cancel := context.WithCancel(context.Background())
	tm := &targetManagerFixed{manager: newDiscoveryManager(ctx), ctx: ctx, cancel: cancel}
	go tm.run()
	return tm
}

func (tm *targetManagerFixed) run() {
	for {
		select {
		case <-tm.ctx.Done():
			return
		case groups := <-tm.manager.SyncCh():
			tm.synced += len(groups)
		}
	}
}

func (tm *targetManagerFixed) Stop() { tm.cancel() }

// RunTargetManager starts a target manager and stops it.
func RunTargetManager() {
	tm := newTargetManager()
	time.Sleep(5 * time.Millisecond)
	tm.Stop()
	time.Sleep(5 * time.Millisecond)
}

// RunTargetManagerFixed does the same with the fixed twin.
func RunTargetManagerFixed() {
	tm := newTargetManagerFixed()
	time.Sleep(5 * time.Millisecond)
	tm.Stop()
	time.Sleep(5 * time.Millisecond)
}

package kernels

import (
	"os"
	"os/signal"
	"syscall"
	"time"
)

// A signal watcher whose goroutine waits for a signal on the channel it
// registered with signal.Notify; Run returns after signal.Stop, which
// stops the deliveries but never closes the channel, so the goroutine
// waits forever (modelled on kubernetes/kubernetes#23674, "Fix goroutine
// leak": "after calling signal.Stop(ch), we know that the runtime won't
// send anything through the ch channel").
func watchSignals(work func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGUSR2)
	go func() {
		<-ch // want `goroutine .watchSignals.func1. can block forever receiving from .ch.: only .signal.Notify. sends on it, and after .signal.Stop. nothing sends on it or closes it \(AL152\)`
		os.Exit(1)
	}()
	work()
	signal.Stop(ch)
}

// Fixed: the goroutine also watches a channel closed when Run ends.
func watchSignalsFixed(work func()) {
	ch := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(ch, syscall.SIGUSR2)
	go func() {
		select {
		case <-ch:
			os.Exit(1)
		case <-done:
		}
	}()
	work()
	signal.Stop(ch)
	close(done)
}

// RunSigWatch runs work that ends without a signal.
func RunSigWatch() {
	watchSignals(func() {})
	time.Sleep(5 * time.Millisecond)
}

// RunSigWatchFixed does the same with the fixed twin.
func RunSigWatchFixed() {
	watchSignalsFixed(func() {})
	time.Sleep(5 * time.Millisecond)
}

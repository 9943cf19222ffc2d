package kernels

import (
	"sync"
	"time"
)

// A cleanup daemon that adds two to its wait group for two loops that
// never call Done (modelled on docker-archive/tutum-cleanup#8): the
// loops here end, the Wait still never returns.
func cleanImages(rounds int)  { time.Sleep(time.Duration(rounds) * time.Millisecond) }
func cleanVolumes(rounds int) { time.Sleep(time.Duration(rounds) * time.Millisecond) }

func runCleanup(rounds int) {
	var wg sync.WaitGroup
	wg.Add(2)
	go cleanImages(rounds)
	go cleanVolumes(rounds)
	wg.Wait() // want `.wg..Wait can block forever: Add counts 2 but no goroutine calls .wg..Done \(AL156\)`
}

// Fixed: each loop is counted and says Done.
func runCleanupFixed(rounds int) {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		cleanImages(rounds)
	}()
	go func() {
		defer wg.Done()
		cleanVolumes(rounds)
	}()
	wg.Wait()
}

// RunCleanup drives the bug and drops every reference to it.
func RunCleanup() {
	go runCleanup(1)
}

// RunCleanupFixed drives the fixed twin down the same path.
func RunCleanupFixed() {
	runCleanupFixed(1)
}

// Package waitgroups holds AL156 cases: WaitGroup.Wait calls that never
// return, each with its fixed twin.
package waitgroups

import (
	"sync"
	"testing"
)

var work = func(string) error { return nil }

// A goroutine that returns early skips its Done.
func processAll(items []string) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			if it == "" {
				return
			}
			_ = work(it)
			wg.Done()
		}()
	}
	wg.Wait() // want `.wg..Wait can block forever: goroutine .processAll.func1. can return without calling .wg..Done \(AL156\)`
}

// Fixed: Done deferred first thing.
func processAllDeferred(items []string) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if it == "" {
				return
			}
			_ = work(it)
		}()
	}
	wg.Wait()
}

// Fixed: wg.Go counts and finishes the goroutine itself.
func processAllGo(items []string) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Go(func() {
			if it == "" {
				return
			}
			_ = work(it)
		})
	}
	wg.Wait()
}

// Two counted, one started.
func fetchPair(a, b string) {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		_ = work(a)
	}()
	_ = work(b)
	wg.Wait() // want `.wg..Wait can block forever: Add counts 2 but only 1 goroutine calls .wg..Done \(AL156\)`
}

// Fixed: one Add per goroutine.
func fetchPairFixed(a, b string) {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		_ = work(a)
	}()
	go func() {
		defer wg.Done()
		_ = work(b)
	}()
	wg.Wait()
}

// Fixed: one Done per item, Adds to match.
func drain(items []string) {
	var wg sync.WaitGroup
	wg.Add(len(items))
	go func() {
		for _, it := range items {
			_ = work(it)
			wg.Done()
		}
	}()
	wg.Wait()
}

var check = func(string) error { return nil }

// A test helper whose worker skips Done only after failing the test:
// reported as info.
func checkAll(t testing.TB, items []string) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		for _, it := range items {
			if err := check(it); err != nil {
				t.Errorf("check(%q): %v", it, err)
				return
			}
		}
		wg.Done()
	}()
	wg.Wait() // want `.wg..Wait can block forever: goroutine .checkAll.func1. can return without calling .wg..Done \(only after the test has failed\) \(AL156\)`
}

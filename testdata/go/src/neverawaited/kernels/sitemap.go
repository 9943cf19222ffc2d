package kernels

import (
	"errors"
	"sync"
)

// A sitemap index that saves each sitemap in a goroutine counted by a
// wait group held in the struct; a save that fails returns before Done,
// and Flush's Wait never returns (modelled on
// sabloger/sitemap-generator#10).
var errSave = errors.New("save failed")

type sitemapIndex struct {
	wg    sync.WaitGroup
	mu    sync.Mutex
	errs  []error
	names []string
}

func (s *sitemapIndex) save(name string, write func(string) error) {
	if err := write(name); err != nil {
		s.mu.Lock()
		s.errs = append(s.errs, err)
		s.mu.Unlock()
		return
	}
	s.wg.Done()
}

func (s *sitemapIndex) saveAll(write func(string) error) {
	for _, n := range s.names {
		s.wg.Add(1)
		go s.save(n, write)
	}
}

func (s *sitemapIndex) Flush(write func(string) error) {
	s.saveAll(write)
	s.wg.Wait() // want `.sitemapIndex.wg..Wait can block forever: goroutine .sitemapIndex.save., counted by its Add, can return without calling Done \(AL156\)`
}

// Fixed: Done is deferred first thing.
type sitemapIndexFixed struct {
	wg    sync.WaitGroup
	mu    sync.Mutex
	errs  []error
	names []string
}

func (s *sitemapIndexFixed) save(name string, write func(string) error) {
	defer s.wg.Done()
	if err := write(name); err != nil {
		s.mu.Lock()
		s.errs = append(s.errs, err)
		s.mu.Unlock()
		return
	}
}

func (s *sitemapIndexFixed) saveAll(write func(string) error) {
	for _, n := range s.names {
		s.wg.Add(1)
		go s.save(n, write)
	}
}

func (s *sitemapIndexFixed) Flush(write func(string) error) {
	s.saveAll(write)
	s.wg.Wait()
}

// RunSitemap drives the bug and drops every reference to it.
func RunSitemap() {
	s := &sitemapIndex{names: []string{"a", "b"}}
	go s.Flush(failB)
}

func failB(n string) error {
	if n == "b" {
		return errSave
	}
	return nil
}

// RunSitemapFixed drives the fixed twin down the same path.
func RunSitemapFixed() {
	(&sitemapIndexFixed{names: []string{"a", "b"}}).Flush(failB)
}

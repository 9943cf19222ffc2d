package lsp

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/driver"
	"github.com/asynclint/asynclint/internal/trace"
	"github.com/asynclint/asynclint/internal/verify"
)

// The marks of `asynclint trace` in the editor: the record a trace leaves
// in the project (trace.DefaultFile of the workspace root) is joined with
// every analysis, as trace joins it with its check — a finding the
// runtime saw is marked confirmed, an event no finding accounts for is a
// runtime-only diagnostic of its file, with its stack as related
// information. The events of a file whose text (the open buffer, else the
// disk) is no longer the one traced are left out until the next trace.

// runtimePoll is how often the record's file is looked at, so that a new
// trace shows in the open documents without an edit.
const runtimePoll = time.Second

// runtimeRecord is the workspace's trace record, read again when its file
// changes.
type runtimeRecord struct {
	mu    sync.Mutex
	root  string // the workspace root path was found for
	path  string
	stamp string // size and modification time of what file was read from; "" for none
	file  *trace.File
}

// load returns the record for the workspace root (nil when there is none
// or it cannot be read), and whether it changed since the last load.
func (r *runtimeRecord) load(root string) (f *trace.File, changed bool, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.root != root || r.path == "" {
		r.root, r.path = root, trace.DefaultFile(root, root)
	}
	stamp := ""
	if fi, err := os.Stat(r.path); err == nil {
		stamp = fmt.Sprintf("%d %d", fi.Size(), fi.ModTime().UnixNano())
	}
	if stamp == r.stamp {
		return r.file, false, nil
	}
	r.stamp, r.file = stamp, nil
	if stamp != "" {
		r.file, err = trace.ReadFile(r.path)
	}
	return r.file, true, err
}

// watchRuntimeRecord re-checks the open documents when the record changes
// (a trace ran, or its record was removed), until ctx ends.
func (s *Server) watchRuntimeRecord(ctx context.Context) {
	tick := time.NewTicker(runtimePoll)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		s.mu.Lock()
		root := s.root
		s.mu.Unlock()
		if root == "" {
			continue
		}
		f, changed, err := s.runtime.load(root)
		if !changed {
			continue
		}
		switch {
		case err != nil:
			s.logMessage(2, "asynclint: runtime record not used: "+err.Error())
		case f != nil:
			s.logMessage(4, fmt.Sprintf("asynclint: runtime record of `%s` (%s, %d events)", strings.Join(f.Command, " "),
				f.Created.Local().Format(time.DateTime), len(f.Events)))
		}
		s.mu.Lock()
		for p := range s.docs {
			s.queue(p)
		}
		s.mu.Unlock()
	}
}

// runtimeJoin is the driver's Join for one analysis of paths, whose open
// documents' texts are overlay: the record's events that touch those
// files, where the text is still the one traced. The caller holds s.mu;
// the join itself runs in the driver, outside it.
func (s *Server) runtimeJoin(paths []string, overlay map[string][]byte) func([]asyncir.Diagnostic, *asyncir.Config) []asyncir.Diagnostic {
	root := s.root
	if root == "" {
		return nil
	}
	return func(diags []asyncir.Diagnostic, cfg *asyncir.Config) []asyncir.Diagnostic {
		f, _, _ := s.runtime.load(root)
		if f == nil {
			return diags
		}
		analysed := make(map[string]bool, len(paths))
		for _, p := range paths {
			analysed[p] = true
		}
		touches := func(e verify.Event) bool {
			if analysed[e.File] {
				return true
			}
			for _, fr := range e.Stack {
				if analysed[fr.File] {
					return true
				}
			}
			return false
		}
		read := func(p string) ([]byte, error) {
			if b, ok := overlay[p]; ok {
				return b, nil
			}
			return os.ReadFile(p)
		}
		content := func(p string) ([]byte, bool) {
			b, err := read(p)
			return b, err == nil
		}
		j := trace.Joiner{Events: f.FreshEvents(touches, content), Roots: []string{root}, Analyzers: driver.Analyzers(), ReadFile: read}
		return j.Join(diags, cfg)
	}
}

// markRuntime shows what the trace saw of a diagnostic: a confirmed one
// says so at the end of its message, and both kinds carry it in data
// ({"runtime": "confirmed" | "runtime-only"}), as JSON output does.
func markRuntime(d asyncir.Diagnostic, ld *Diagnostic) {
	if d.Runtime == "" {
		return
	}
	if d.Runtime == asyncir.RuntimeConfirmed {
		ld.Message += " (confirmed at runtime)"
	}
	ld.Data = map[string]string{"runtime": d.Runtime}
}

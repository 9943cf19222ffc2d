package lsp

import (
	"context"
	"fmt"
	"maps"
	"os"
	"slices"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/driver"
)

// scanWorkspace indexes the workspace's imports once, before the first
// document is analysed (the handler runs messages in order), so the first
// check of a module already includes what it imports and knows who
// imports it.
func (s *Server) scanWorkspace() {
	s.mu.Lock()
	root, cfg := s.root, s.cfg
	s.mu.Unlock()
	if root == "" {
		return
	}
	res, err := driver.Run(driver.Options{Paths: []string{root}, Config: cfg, Eager: true})
	if err != nil {
		s.logMessage(1, fmt.Sprintf("asynclint: indexing %s: %v", root, err))
		return
	}
	s.mu.Lock()
	s.index.update(res.Program)
	s.mu.Unlock()
}

// queue asks the worker to check paths (and what imports them). The
// caller holds s.mu.
func (s *Server) queue(paths ...string) {
	for _, p := range paths {
		s.pending[p] = true
	}
	select {
	case s.wake <- struct{}{}:
	default: // the worker is already due to run
	}
}

// worker checks queued files until ctx ends. Edits that arrive while it
// analyses are coalesced: the next round sees only the latest text, so a
// burst of keystrokes costs one analysis, not one each.
func (s *Server) worker(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.wake:
		}
		s.flushSafely()
	}
}

// flushSafely turns a panic in one analysis into a log line: the editor's
// server must outlive a bug triggered by one buffer's content.
func (s *Server) flushSafely() {
	defer func() {
		if r := recover(); r != nil {
			s.logMessage(1, fmt.Sprintf("asynclint: internal error while analysing: %v", r))
		}
	}()
	s.flush()
}

// flush checks every queued file now.
func (s *Server) flush() {
	s.mu.Lock()
	paths := slices.Sorted(maps.Keys(s.pending))
	clear(s.pending)
	s.mu.Unlock()
	if len(paths) > 0 {
		s.check(paths...)
	}
}

// snapshot is the state one analysis saw.
type snapshot struct {
	versions map[string]int // open documents analysed, by path
}

// check analyses the files at paths and every module that (transitively)
// imports them, with what they import, and publishes their diagnostics.
func (s *Server) check(paths ...string) {
	s.mu.Lock()
	seen := map[string]bool{}
	var targets []string
	for _, p := range paths {
		for _, q := range append([]string{p}, s.index.dependents(p)...) {
			if !seen[q] {
				seen[q] = true
				targets = append(targets, q)
			}
		}
	}
	var huge []PublishDiagnosticsParams
	targets = slices.DeleteFunc(targets, func(p string) bool {
		d := s.docs[p]
		if d == nil || len(d.text) <= s.opts.MaxDocumentBytes {
			return false
		}
		d.diags, d.analyzed, d.fresh = nil, d.version, true
		huge = append(huge, s.params(p, nil))
		return true
	})
	s.mu.Unlock()
	for _, p := range huge {
		s.logMessage(2, fmt.Sprintf("asynclint: %s is larger than %d bytes and is not analysed", p.URI, s.opts.MaxDocumentBytes))
		s.send(p)
	}
	if len(targets) == 0 {
		return
	}
	res, snap, err := s.run(targets)
	if err != nil {
		s.logMessage(1, "asynclint: "+err.Error())
		return
	}
	byFile := map[string][]asyncir.Diagnostic{}
	for _, d := range res.Diagnostics {
		byFile[d.Range.File] = append(byFile[d.Range.File], d)
	}
	s.store(targets, byFile, snap)
}

// run analyses the targets with everything they import, outside the lock.
// When the text added an import the index did not know, the run learns it
// and is repeated once with the larger closure.
func (s *Server) run(targets []string) (*driver.Result, snapshot, error) {
	var res *driver.Result
	var snap snapshot
	for attempt := 0; attempt < 2; attempt++ {
		s.mu.Lock()
		paths := s.index.closure(targets)
		overlay := map[string][]byte{}
		snap = snapshot{versions: map[string]int{}}
		for _, p := range paths {
			if d := s.docs[p]; d != nil {
				overlay[p] = d.text // never mutated: edits build a new slice
				snap.versions[p] = d.version
			}
		}
		cfg := s.cfg
		s.mu.Unlock()
		var err error
		res, err = driver.Run(driver.Options{Paths: paths, Config: cfg, Overlay: overlay, Eager: true})
		if err != nil {
			return nil, snap, err
		}
		s.mu.Lock()
		s.index.update(res.Program)
		grown := len(s.index.closure(targets)) > len(paths)
		s.mu.Unlock()
		if !grown {
			break
		}
	}
	return res, snap, nil
}

// store records and publishes the targets' diagnostics, except for
// documents edited, opened or closed since the snapshot: their newer
// check is already queued, and stale positions would mislead.
func (s *Server) store(targets []string, byFile map[string][]asyncir.Diagnostic, snap snapshot) {
	s.pubMu.Lock()
	defer s.pubMu.Unlock()
	s.mu.Lock()
	var out []PublishDiagnosticsParams
	for _, p := range targets {
		v, wasOpen := snap.versions[p]
		d := s.docs[p]
		if (d != nil) != wasOpen || (d != nil && d.version != v) {
			continue
		}
		if d != nil {
			d.diags, d.analyzed, d.fresh = byFile[p], v, true
		}
		out = append(out, s.params(p, byFile[p]))
	}
	s.mu.Unlock()
	for _, p := range out {
		s.send(p)
	}
}

func (s *Server) send(p PublishDiagnosticsParams) {
	if err := s.notify("textDocument/publishDiagnostics", p); err != nil {
		fmt.Fprintf(s.opts.Log, "asynclint lsp: publishing diagnostics: %v\n", err)
	}
}

// textOf is the document for path: the open buffer, or the file on disk
// (for converting positions in files the editor has not opened). The
// caller holds s.mu.
func (s *Server) textOf(path string, cache map[string]*document) *document {
	if d := s.docs[path]; d != nil {
		return d
	}
	if d, ok := cache[path]; ok {
		return d
	}
	var d *document
	if b, err := os.ReadFile(path); err == nil {
		d = newDocument(pathToURI(path), path, 0, b)
	}
	cache[path] = d
	return d
}

// params builds the publishDiagnostics notification of path. The caller
// holds s.mu.
func (s *Server) params(path string, diags []asyncir.Diagnostic) PublishDiagnosticsParams {
	cache := map[string]*document{}
	p := PublishDiagnosticsParams{URI: pathToURI(path), Diagnostics: []Diagnostic{}}
	if d := s.docs[path]; d != nil {
		v := d.version
		p.URI, p.Version = d.uri, &v
	}
	for _, d := range diags {
		if ld, ok := s.toLSP(d, cache); ok {
			p.Diagnostics = append(p.Diagnostics, ld)
		}
	}
	return p
}

func severity(s asyncir.Severity) int {
	switch s {
	case asyncir.SeverityError:
		return severityError
	case asyncir.SeverityWarning:
		return severityWarning
	}
	// Info is what check hides by default: a hint, which editors show
	// without cluttering the problems list.
	return severityHint
}

// toLSP converts a diagnostic, with byte columns, to UTF-16 positions of
// the text it was computed on. The caller holds s.mu.
func (s *Server) toLSP(d asyncir.Diagnostic, cache map[string]*document) (Diagnostic, bool) {
	doc := s.textOf(d.Range.File, cache)
	if doc == nil {
		return Diagnostic{}, false
	}
	ld := Diagnostic{Range: doc.lspRange(d.Range), Severity: severity(d.Severity), Code: d.Code,
		Source: "asynclint", Message: d.Message}
	if d.URL != "" {
		ld.CodeDescription = &CodeDescription{Href: d.URL}
	}
	for _, r := range d.Related {
		rd := s.textOf(r.Range.File, cache)
		if rd == nil {
			continue
		}
		ld.RelatedInformation = append(ld.RelatedInformation, DiagnosticRelatedInformation{
			Location: Location{URI: rd.uri, Range: rd.lspRange(r.Range)}, Message: r.Message})
	}
	return ld, true
}

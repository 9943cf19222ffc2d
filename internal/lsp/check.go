package lsp

import (
	"context"
	"fmt"
	"maps"
	"os"
	"runtime"
	"slices"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/driver"
	"github.com/asynclint/asynclint/pyfront"
)

// scanWorkspace indexes the workspace's imports, so that a check of a
// module includes what it imports and an edit re-checks who imports it.
// It runs in its own goroutine after initialized, so the documents the
// editor opens are answered first (from what they import directly), and
// are checked again once the index is complete. The scan reads files
// without parsing them and skips those over the size limit: it holds at
// most one file's text per core (each at most max-file-size) plus every
// file's module and imported names.
func (s *Server) scanWorkspace() {
	s.mu.Lock()
	root, cfg := s.root, s.cfg
	s.mu.Unlock()
	if root == "" {
		return
	}
	files, warnings, err := driver.PythonFiles([]string{root}, cfg)
	if err != nil {
		s.logMessage(1, fmt.Sprintf("asynclint: indexing %s: %v", root, err))
		return
	}
	for _, w := range warnings {
		s.logMessage(3, "asynclint: "+w)
	}
	scanned := pyfront.ScanImports(files)
	s.mu.Lock()
	s.index.learn(scanned)
	for p := range s.docs {
		s.queue(p)
	}
	s.mu.Unlock()
	s.logMessage(4, fmt.Sprintf("asynclint: indexed the imports of %d files under %s", len(scanned), root))
}

// queue asks the worker to check paths and the open documents that
// import them. The caller holds s.mu.
func (s *Server) queue(paths ...string) {
	for _, p := range paths {
		if _, ok := s.pending[p]; !ok {
			s.pending[p] = false
		}
	}
	s.wakeWorker()
}

// queueSaved asks the worker to check path and every module that imports
// it, open or not: on save the file on disk changed, so the dependents'
// diagnostics shown in the editor's problem list may change too, while a
// keystroke only re-checks what the user is looking at. The caller holds
// s.mu.
func (s *Server) queueSaved(path string) {
	s.pending[path] = true
	s.wakeWorker()
}

func (s *Server) wakeWorker() {
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
	pending := maps.Clone(s.pending)
	clear(s.pending)
	s.mu.Unlock()
	if len(pending) > 0 {
		s.check(pending)
	}
}

// snapshot is the state one analysis saw.
type snapshot struct {
	versions map[string]int // open documents analysed, by path
}

// check analyses the pending files and the modules that (transitively)
// import them — the open ones, or all for a path whose value is true —
// with what they import, and publishes their diagnostics.
func (s *Server) check(pending map[string]bool) {
	s.checksWaiting.Add(1)
	s.checkMu.Lock()
	s.checksWaiting.Add(-1)
	defer s.checkMu.Unlock()
	s.mu.Lock()
	seen := map[string]bool{}
	var targets []string
	for _, p := range slices.Sorted(maps.Keys(pending)) {
		for i, q := range append([]string{p}, s.index.dependents(p)...) {
			if i > 0 && !pending[p] && s.docs[q] == nil {
				continue
			}
			if !seen[q] {
				seen[q] = true
				targets = append(targets, q)
			}
		}
	}
	// Documents too large to analyse, and lost ones (an edit did not fit
	// their text), have their diagnostics cleared instead.
	var huge, lost []PublishDiagnosticsParams
	limit := s.maxDocumentBytes()
	targets = slices.DeleteFunc(targets, func(p string) bool {
		d := s.docs[p]
		if d == nil || !d.lost && int64(len(d.text)) <= limit {
			return false
		}
		d.diags, d.analyzed, d.fresh = nil, d.version, true
		if d.lost {
			lost = append(lost, s.params(p, nil))
		} else {
			huge = append(huge, s.params(p, nil))
		}
		return true
	})
	s.mu.Unlock()
	for _, p := range huge {
		s.logMessage(2, fmt.Sprintf("asynclint: %s is larger than %d bytes (max-file-size) and is not analysed", p.URI, limit))
		s.send(p)
	}
	for _, p := range lost {
		s.send(p)
	}
	if len(targets) == 0 {
		return
	}
	s.publishStored(targets)
	if s.checkIncrementally(pending, targets) {
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
	// The documents just checked are the likeliest to be edited next:
	// their trees make that edit's parse incremental.
	s.mu.Lock()
	kept := res.Session != nil && s.session == res.Session
	s.mu.Unlock()
	if kept {
		for p := range pending {
			if _, open := snap.versions[p]; open {
				res.Session.Prepare(p)
			}
		}
	}
	// A full check leaves hundreds of megabytes of garbage (every module
	// lowered again): it is collected now, once its diagnostics are out,
	// rather than during the next keystrokes.
	runtime.GC()
}

// run analyses the targets with everything they import, outside the lock.
// When the text added an import the index did not know, the run learns it
// and is repeated once with the larger closure.
func (s *Server) run(targets []string) (*driver.Result, snapshot, error) {
	var res *driver.Result
	var snap snapshot
	for attempt := 0; attempt < 2; attempt++ {
		s.mu.Lock()
		s.index.probe(s.root, targets, s.maxDocumentBytes())
		paths := s.index.closure(targets)
		overlay := map[string][]byte{}
		snap = snapshot{versions: map[string]int{}}
		for _, p := range paths {
			if d := s.docs[p]; d != nil {
				overlay[p] = d.text // never mutated: edits build a new slice
				snap.versions[p] = d.version
				d.takeEdits() // the session below starts from this text
			}
		}
		cfg := s.cfg
		join := s.runtimeJoin(paths, overlay)
		s.mu.Unlock()
		var err error
		res, err = driver.Run(driver.Options{Paths: paths, Config: cfg, Overlay: overlay, Eager: true, Trees: s.trees, Join: join, KeepSession: true})
		if err != nil {
			return nil, snap, err
		}
		s.mu.Lock()
		s.index.update(res.Program)
		s.index.probe(s.root, targets, s.maxDocumentBytes())
		grown := len(s.index.closure(targets)) > len(paths)
		old := s.session
		s.session, s.sessionPaths, s.sessionCfg = nil, nil, nil
		if !grown && res.Session != nil {
			s.session, s.sessionPaths, s.sessionCfg = res.Session, paths, cfg
		}
		s.mu.Unlock()
		if old != nil {
			old.Close() // checks, one at a time, are its only users
		}
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
	markRuntime(d, &ld)
	return ld, true
}

package lsp

import (
	"bytes"
	"fmt"
	"maps"
	"slices"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/driver"
	"github.com/asynclint/asynclint/pyfront"
)

// An edit is checked incrementally when the last full check's session
// covers exactly the files the edit's check needs: the edited documents
// are re-parsed from their old trees, re-lowered and re-linked alone
// (pyfront.Session.Update), analysed and published first; then the open
// documents that import them are analysed again on the same program, one
// at a time, until the next edit arrives. When the session refuses an
// edit (the module's interface changed, an import was added, …) the full
// check runs instead and leaves a new session.

// sessionJob is one edited document to bring into the session.
type sessionJob struct {
	path  string
	text  []byte
	edits []pyfront.Edit
}

// checkIncrementally checks the pending documents with the session and
// reports whether it did; on false the caller runs the full check.
func (s *Server) checkIncrementally(pending map[string]bool, targets []string) bool {
	s.mu.Lock()
	sess, cfg := s.session, s.cfg
	if sess == nil || s.sessionCfg != cfg || !slices.Equal(s.index.closure(targets), s.sessionPaths) {
		s.mu.Unlock()
		return false
	}
	snap := snapshot{versions: map[string]int{}}
	var jobs []sessionJob
	var first []string // the edited documents, published first
	for _, p := range slices.Sorted(maps.Keys(pending)) {
		d := s.docs[p]
		if pending[p] || d == nil || !sess.Has(p) || !slices.Contains(targets, p) {
			// A save re-checks every dependent; a closed file is read
			// from disk; a document too large or lost is left out of a
			// full check, as it is not in the targets.
			s.mu.Unlock()
			return false
		}
		if edits := d.takeEdits(); !bytes.Equal(d.text, sess.Text(p)) {
			jobs = append(jobs, sessionJob{p, d.text, edits})
			first = append(first, p)
		}
	}
	if len(first) == 0 {
		first = slices.Sorted(maps.Keys(pending))
	}
	for _, p := range targets {
		if d := s.docs[p]; d != nil {
			snap.versions[p] = d.version
		}
	}
	// The runtime record is joined as in a full check of the same files.
	overlay := map[string][]byte{}
	for _, p := range s.sessionPaths {
		if d := s.docs[p]; d != nil {
			overlay[p] = d.text
		}
	}
	join := s.runtimeJoin(s.sessionPaths, overlay)
	s.mu.Unlock()
	for _, j := range jobs {
		if why := sess.Update(j.path, j.text, j.edits); why != "" {
			s.logMessage(4, fmt.Sprintf("asynclint: %s is checked in full: %s", j.path, why))
			s.mu.Lock()
			if s.session == sess {
				s.session = nil
			}
			s.mu.Unlock()
			sess.Close()
			return false
		}
	}
	prog := sess.Program()
	if len(jobs) > 0 {
		var mods []*asyncir.Module
		for _, j := range jobs {
			mods = append(mods, sess.Module(j.path))
		}
		s.mu.Lock()
		s.index.update(asyncir.NewProgram(mods, prog.Models))
		s.mu.Unlock()
	}
	if !s.publishModules(prog, sess, first, snap, join) {
		return true
	}
	// The open dependents, one at a time, while no edit or other check is
	// waiting.
	rest := slices.DeleteFunc(slices.Clone(targets), func(p string) bool { return slices.Contains(first, p) })
	for i, p := range rest {
		s.mu.Lock()
		if len(s.pending) > 0 || s.checksWaiting.Load() > 0 {
			for _, q := range rest[i:] {
				if _, ok := s.pending[q]; !ok {
					s.pending[q] = false
				}
			}
			s.mu.Unlock()
			s.wakeWorker()
			return true
		}
		s.mu.Unlock()
		if !sess.Has(p) || !s.publishModules(prog, sess, []string{p}, snap, join) {
			return true
		}
	}
	return true
}

// publishModules analyses paths' modules of prog and publishes their
// diagnostics; it reports false when the analysis failed.
func (s *Server) publishModules(prog *asyncir.Program, sess *pyfront.Session, paths []string, snap snapshot,
	join func([]asyncir.Diagnostic, *asyncir.Config) []asyncir.Diagnostic) bool {
	mods := make([]*asyncir.Module, len(paths))
	for i, p := range paths {
		mods[i] = sess.Module(p)
	}
	s.mu.Lock()
	cfg := s.cfg
	s.mu.Unlock()
	diags, err := driver.CheckModules(prog, mods, cfg, join)
	if err != nil {
		s.logMessage(1, "asynclint: "+err.Error())
		return false
	}
	byFile := map[string][]asyncir.Diagnostic{}
	for _, d := range diags {
		byFile[d.Range.File] = append(byFile[d.Range.File], d)
	}
	s.store(paths, byFile, snap)
	return true
}

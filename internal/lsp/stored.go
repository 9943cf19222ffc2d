package lsp

import (
	"github.com/asynclint/asynclint/internal/cache"
	"github.com/asynclint/asynclint/internal/driver"
)

// The server starts from the result cache that `asynclint check .` run in
// the workspace root leaves (.asynclint_cache, or cache-dir): before its
// own first check of a document it publishes the stored findings of that
// document when its text is the one they were computed for and nothing
// they depend on changed on disk. Its own check follows and replaces
// them, so a stale or missing cache costs nothing but the lookup. The
// server reads the cache and never writes it: the cache keys files on
// disk, not editor buffers. Stored findings are the command line's: a
// blocking helper shared by several coroutines is one finding at the
// helper until the server's check shows each call site.

// publishStored sends the stored findings of the open documents among
// targets that no check has answered yet. The first call loads the cache
// entry; later calls reuse it.
func (s *Server) publishStored(targets []string) {
	s.mu.Lock()
	if !s.storedLoaded {
		root, cfg := s.root, s.cfg
		s.storedLoaded = true
		s.mu.Unlock()
		var stored map[string]driver.Stored
		if root != "" && !s.opts.NoCache {
			// The command line's configuration: it groups the call
			// sites of a shared root, which the server shows one by one.
			cli := *cfg
			cli.AllSites = false
			stored = driver.StoredFindings(cache.Open(cache.ProjectDir(cfg.CacheDir, root)), root, &cli)
		}
		s.mu.Lock()
		s.stored = stored
	}
	var out []PublishDiagnosticsParams
	for _, p := range targets {
		d, st := s.docs[p], s.stored[p]
		if d == nil || d.fresh || st.Hash == "" || st.Hash != cache.ContentHash(d.text) {
			continue
		}
		out = append(out, s.params(p, st.Diagnostics))
	}
	s.mu.Unlock()
	s.pubMu.Lock()
	defer s.pubMu.Unlock()
	for _, p := range out {
		s.send(p)
	}
}

package lsp

import (
	"fmt"
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
	if s.root == "" {
		return
	}
	res, err := driver.Run(driver.Options{Paths: []string{s.root}, Config: s.cfg, Eager: true})
	if err != nil {
		s.logMessage(1, fmt.Sprintf("asynclint: indexing %s: %v", s.root, err))
		return
	}
	s.mu.Lock()
	s.index.update(res.Program)
	s.mu.Unlock()
}

// check analyses the file at path and every module that (transitively)
// imports it, with what they import, and publishes their diagnostics.
func (s *Server) check(path string) {
	s.mu.Lock()
	targets := append([]string{path}, s.index.dependents(path)...)
	s.mu.Unlock()
	s.analyze(targets)
}

// checkDependents re-checks what imports path, not path itself.
func (s *Server) checkDependents(path string) {
	s.mu.Lock()
	targets := s.index.dependents(path)
	s.mu.Unlock()
	if len(targets) > 0 {
		s.analyze(targets)
	}
}

func (s *Server) analyze(targets []string) {
	var skipped []string
	targets = slices.DeleteFunc(slices.Clone(targets), func(p string) bool {
		if d := s.docs[p]; d != nil && len(d.text) > s.opts.MaxDocumentBytes {
			skipped = append(skipped, p)
			return true
		}
		return false
	})
	for _, p := range skipped {
		d := s.docs[p]
		d.diags = nil
		s.logMessage(2, fmt.Sprintf("asynclint: %s is larger than %d bytes and is not analysed", p, s.opts.MaxDocumentBytes))
		s.publish(p, nil)
	}
	if len(targets) == 0 {
		return
	}
	res, err := s.run(targets)
	if err != nil {
		s.logMessage(1, "asynclint: "+err.Error())
		return
	}
	byFile := map[string][]asyncir.Diagnostic{}
	for _, d := range res.Diagnostics {
		byFile[d.Range.File] = append(byFile[d.Range.File], d)
	}
	for _, p := range targets {
		if d := s.docs[p]; d != nil {
			d.diags = byFile[p]
		}
		s.publish(p, byFile[p])
	}
}

// run analyses the targets with everything they import. When the edit
// added an import the index did not know, the run learns it and is
// repeated once with the larger closure.
func (s *Server) run(targets []string) (*driver.Result, error) {
	var res *driver.Result
	for attempt := 0; attempt < 2; attempt++ {
		s.mu.Lock()
		paths := s.index.closure(targets)
		s.mu.Unlock()
		overlay := map[string][]byte{}
		for _, p := range paths {
			if d := s.docs[p]; d != nil {
				overlay[p] = d.text
			}
		}
		var err error
		res, err = driver.Run(driver.Options{Paths: paths, Config: s.cfg, Overlay: overlay, Eager: true})
		if err != nil {
			return nil, err
		}
		s.mu.Lock()
		s.index.update(res.Program)
		grown := len(s.index.closure(targets)) > len(paths)
		s.mu.Unlock()
		if !grown {
			break
		}
	}
	return res, nil
}

// textOf is the document for path: the open buffer, or the file on disk
// (for converting positions in files the editor has not opened).
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

func (s *Server) publish(path string, diags []asyncir.Diagnostic) {
	cache := map[string]*document{}
	uri := pathToURI(path)
	var version *int
	if d := s.docs[path]; d != nil {
		uri = d.uri
		v := d.version
		version = &v
	}
	out := []Diagnostic{}
	for _, d := range diags {
		if ld, ok := s.toLSP(d, cache); ok {
			out = append(out, ld)
		}
	}
	if err := s.notify("textDocument/publishDiagnostics", PublishDiagnosticsParams{URI: uri, Version: version, Diagnostics: out}); err != nil {
		fmt.Fprintf(s.opts.Log, "asynclint lsp: publishing diagnostics: %v\n", err)
	}
}

func severity(s asyncir.Severity) int {
	switch s {
	case asyncir.SeverityError:
		return severityError
	case asyncir.SeverityWarning:
		return severityWarning
	}
	return severityInformation
}

// toLSP converts a diagnostic, with byte columns, to UTF-16 positions of
// the text it was computed on.
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

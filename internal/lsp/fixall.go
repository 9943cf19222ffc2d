package lsp

import (
	"slices"

	"github.com/aymanbagabas/go-udiff"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/driver"
	"github.com/asynclint/asynclint/internal/fix"
)

// fixAllKind is the code action kind editors request for "fix all on
// save" (VS Code's editor.codeActionsOnSave: source.fixAll).
const fixAllKind = "source.fixAll.asynclint"

// wantsFixAll reports whether the request asks for source.fixAll
// explicitly: the action runs the whole fix loop, too costly to compute
// for every light-bulb request.
func wantsFixAll(only []string) bool {
	return slices.ContainsFunc(only, func(k string) bool {
		return k == "source" || k == "source.fixAll" || k == fixAllKind
	})
}

// fixAll applies every safe fix of the document in memory, with the same
// loop as `asynclint check --fix` (overlaps, re-parse, iteration), and
// returns the change as minimal text edits of the current buffer. The
// caller holds s.mu.
func (s *Server) fixAll(doc *document) *CodeAction {
	if !slices.ContainsFunc(doc.diags, func(d asyncir.Diagnostic) bool {
		return slices.ContainsFunc(d.Fixes, func(f asyncir.Fix) bool { return f.Applicability == asyncir.Safe })
	}) {
		return nil
	}
	paths := s.index.closure([]string{doc.path})
	base := map[string][]byte{}
	for _, p := range paths {
		if d := s.docs[p]; d != nil {
			base[p] = d.text
		}
	}
	read := func(p string) ([]byte, error) {
		if p == doc.path {
			return doc.text, nil
		}
		return nil, errOtherFile
	}
	// Only this document's fixes: a fix-all of one buffer must not edit
	// files the user did not ask about.
	mine := func(ds []asyncir.Diagnostic) []asyncir.Diagnostic {
		return slices.DeleteFunc(slices.Clone(ds), func(d asyncir.Diagnostic) bool {
			return slices.ContainsFunc(d.Fixes, func(f asyncir.Fix) bool {
				return slices.ContainsFunc(f.Edits, func(e asyncir.Edit) bool { return e.Range.File != doc.path })
			}) || d.Range.File != doc.path
		})
	}
	res, err := fix.Run(mine(doc.diags), fix.Options{Min: asyncir.Safe, Read: read, Check: func(overlay map[string][]byte) ([]asyncir.Diagnostic, error) {
		o := map[string][]byte{}
		for p, b := range base {
			o[p] = b
		}
		for p, b := range overlay {
			o[p] = b
		}
		r, err := driver.Run(driver.Options{Paths: paths, Config: s.cfg, Overlay: o, Eager: true, Trees: s.trees})
		if err != nil {
			return nil, err
		}
		return mine(r.Diagnostics), nil
	}})
	if err != nil || len(res.Changes) != 1 {
		return nil
	}
	var edits []TextEdit
	for _, e := range udiff.Bytes(doc.text, res.Changes[0].Fixed) {
		edits = append(edits, TextEdit{Range: Range{Start: doc.position(e.Start), End: doc.position(e.End)}, NewText: e.New})
	}
	return &CodeAction{Title: "Fix all safe asynclint problems", Kind: fixAllKind,
		Edit: &WorkspaceEdit{Changes: map[string][]TextEdit{doc.uri: edits}}}
}

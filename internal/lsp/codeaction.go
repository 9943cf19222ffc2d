package lsp

import (
	"slices"

	"github.com/asynclint/asynclint/asyncir"
)

// codeAction offers each applicable fix of the diagnostics under the
// requested range as a quick fix, and, when asked for source.fixAll, one
// action applying every safe fix of the document. Safe fixes are preferred; unsafe ones
// say so in their title; display-only fixes are not offered as edits.
func (s *Server) codeAction(p CodeActionParams) []CodeAction {
	out := []CodeAction{}
	path, err := uriToPath(p.TextDocument.URI)
	if err != nil {
		return out
	}
	s.mu.Lock()
	doc := s.docs[path]
	stale := doc != nil && (!doc.fresh || doc.analyzed != doc.version)
	s.mu.Unlock()
	if doc == nil {
		return out
	}
	if stale {
		// The worker has not caught up with the last edit: fixes must
		// match the text the client has, so analyse it now.
		s.check(map[string]bool{path: false})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if wantsFixAll(p.Context.Only) {
		if a := s.fixAll(doc); a != nil {
			out = append(out, *a)
		}
	}
	if len(p.Context.Only) > 0 && !slices.Contains(p.Context.Only, "quickfix") {
		return out
	}
	cache := map[string]*document{}
	for _, d := range doc.diags {
		r := doc.lspRange(d.Range)
		if !touches(r, p.Range) {
			continue
		}
		ld, _ := s.toLSP(d, cache)
		for i, f := range d.Fixes {
			if f.Applicability == asyncir.DisplayOnly {
				continue
			}
			title := f.Title + " (" + d.Code + ")"
			if f.Applicability == asyncir.Unsafe {
				title += " [unsafe]"
			}
			edit := &WorkspaceEdit{Changes: map[string][]TextEdit{}}
			ok := true
			for _, e := range f.Edits {
				ed := s.textOf(e.Range.File, cache)
				if ed == nil {
					ok = false
					break
				}
				edit.Changes[ed.uri] = append(edit.Changes[ed.uri], TextEdit{Range: ed.lspRange(e.Range), NewText: e.NewText})
			}
			if !ok {
				continue
			}
			out = append(out, CodeAction{Title: title, Kind: "quickfix", Diagnostics: []Diagnostic{ld},
				IsPreferred: i == 0 && f.Applicability == asyncir.Safe, Edit: edit})
		}
	}
	return out
}

// touches reports whether two ranges overlap or meet (a cursor at either
// end of a diagnostic still gets its fixes).
func touches(a, b Range) bool {
	return !before(a.End, b.Start) && !before(b.End, a.Start)
}

func before(x, y Position) bool {
	return x.Line < y.Line || (x.Line == y.Line && x.Character < y.Character)
}

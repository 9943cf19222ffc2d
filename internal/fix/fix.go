package fix

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// Options of Run.
type Options struct {
	// Min is the least applicability applied: Safe for --fix, Unsafe for
	// --unsafe-fixes. DisplayOnly fixes are never applied.
	Min asyncir.Applicability
	// Check re-analyses with the given unsaved contents (path → content)
	// and returns the diagnostics.
	Check func(overlay map[string][]byte) ([]asyncir.Diagnostic, error)
	// Read returns a file's content; os.ReadFile when nil.
	Read func(path string) ([]byte, error)
	// MaxIterations bounds the fix → re-check loop; 10 when zero.
	MaxIterations int
	// Skip, when set, names files whose fixes are never applied (the
	// command line skips read-only files).
	Skip func(path string) bool
}

// Change is one file's content before and after fixing.
type Change struct {
	Path            string
	Original, Fixed []byte
}

// Result of Run.
type Result struct {
	// Changes are the files whose content changed, sorted by path.
	Changes []Change
	// Applied counts the fixes applied over all iterations.
	Applied int
	// Diagnostics are what the last check reported on the fixed contents.
	Diagnostics []asyncir.Diagnostic
	// Warnings name dropped fixes and a loop that did not converge.
	Warnings []string
}

// Run applies fixes in memory until no applicable fix remains: each
// iteration applies every non-conflicting fix, then re-checks, so a fix
// skipped for overlapping an earlier one gets its turn on fresh positions.
// Nothing is written; see Write.
func Run(diags []asyncir.Diagnostic, opts Options) (*Result, error) {
	if opts.Read == nil {
		opts.Read = os.ReadFile
	}
	if opts.MaxIterations == 0 {
		opts.MaxIterations = 10
	}
	s := &state{opts: opts, orig: map[string][]byte{}, cur: map[string][]byte{}, dropped: map[string]bool{}}
	res := &Result{}
	for iter := 0; ; iter++ {
		var cs []candidate
		for _, c := range choose(diags, opts.Min) {
			if !s.dropped[key(c)] && !s.skipped(c) {
				cs = append(cs, c)
			}
		}
		if len(cs) == 0 {
			break
		}
		if iter == opts.MaxIterations {
			s.warnings = append(s.warnings, fmt.Sprintf("fixes did not converge after %d iterations; %d fixes left unapplied", iter, len(cs)))
			break
		}
		order(cs)
		n, err := s.pass(cs)
		if err != nil {
			return nil, err
		}
		if n == 0 {
			break
		}
		res.Applied += n
		if diags, err = opts.Check(s.cur); err != nil {
			return nil, err
		}
	}
	res.Diagnostics = diags
	res.Warnings = s.warnings
	for p, o := range s.orig {
		if !bytes.Equal(o, s.cur[p]) {
			res.Changes = append(res.Changes, Change{Path: p, Original: o, Fixed: s.cur[p]})
		}
	}
	slices.SortFunc(res.Changes, func(a, b Change) int { return strings.Compare(a.Path, b.Path) })
	return res, nil
}

// state is one Run's contents and the fixes it gave up on.
type state struct {
	opts     Options
	orig     map[string][]byte
	cur      map[string][]byte
	dropped  map[string]bool
	warnings []string
	clean    map[string]bool // per iteration: file parsed without errors before it
}

// skipped reports whether a fix edits a file Options.Skip names.
func (s *state) skipped(c candidate) bool {
	if s.opts.Skip == nil {
		return false
	}
	return slices.ContainsFunc(c.fix.Edits, func(e asyncir.Edit) bool { return s.opts.Skip(e.Range.File) })
}

// key identifies a fix across iterations, where offsets move.
func key(c candidate) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s|%s|%s|%s", c.diag.Code, c.diag.Range.File, c.diag.Message, c.fix.Title)
	for _, e := range c.fix.Edits {
		fmt.Fprintf(&b, "|%s:%q", e.Range.File, e.NewText)
	}
	return b.String()
}

func (s *state) content(path string) ([]byte, error) {
	if c, ok := s.cur[path]; ok {
		return c, nil
	}
	c, err := s.opts.Read(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s to fix it: %w", path, err)
	}
	s.orig[path], s.cur[path] = c, c
	return c, nil
}

// pass applies one iteration's non-conflicting fixes and returns how many.
func (s *state) pass(cs []candidate) (int, error) {
	s.clean = map[string]bool{}
	// A file that cannot be read now (it vanished since the analysis)
	// loses its fixes; the other files are still fixed.
	cs = slices.DeleteFunc(slices.Clone(cs), func(c candidate) bool {
		for _, e := range c.fix.Edits {
			if _, err := s.content(e.Range.File); err != nil {
				s.drop(c, err.Error())
				return true
			}
		}
		return false
	})
	var acc accepts
	var taken []candidate
	for _, c := range cs {
		if !s.fits(c) {
			continue
		}
		if added, _ := acc.add(c.fix); added {
			taken = append(taken, c)
		}
	}
	out, broken := s.render(acc.edits)
	if broken {
		// Some fix breaks a file's syntax: redo the pass one fix at a
		// time, re-parsing after each, and drop the offenders.
		acc = accepts{}
		n := 0
		for _, c := range taken {
			trial := accepts{edits: slices.Clone(acc.edits)}
			trial.add(c.fix)
			if _, bad := s.render(trial.edits); bad {
				s.drop(c, "it would introduce a syntax error")
				continue
			}
			acc = trial
			n++
		}
		out, _ = s.render(acc.edits)
		taken = taken[:n]
	}
	for p, c := range out {
		s.cur[p] = c
	}
	return len(taken), nil
}

// fits drops a fix whose edits no longer match the content (stale
// offsets), so one bad analyzer cannot corrupt a file.
func (s *state) fits(c candidate) bool {
	for _, e := range c.fix.Edits {
		n := len(s.cur[e.Range.File])
		if e.Range.Start.Offset < 0 || e.Range.End.Offset < e.Range.Start.Offset || int(e.Range.End.Offset) > n {
			s.drop(c, "its edit lies outside the file")
			return false
		}
	}
	return true
}

// render applies edits to the current contents and reports whether a file
// that parsed cleanly no longer does.
func (s *state) render(edits []asyncir.Edit) (map[string][]byte, bool) {
	out := map[string][]byte{}
	broken := false
	for p, es := range byFile(edits) {
		c, ok := applyEdits(s.cur[p], es)
		if !ok {
			return nil, true
		}
		out[p] = c
		if syntaxErrors(p, c) > 0 && s.wasClean(p) {
			broken = true
		}
	}
	return out, broken
}

func (s *state) wasClean(p string) bool {
	clean, ok := s.clean[p]
	if !ok {
		clean = syntaxErrors(p, s.cur[p]) == 0
		s.clean[p] = clean
	}
	return clean
}

func (s *state) drop(c candidate, why string) {
	k := key(c)
	if s.dropped[k] {
		return
	}
	s.dropped[k] = true
	s.warnings = append(s.warnings, fmt.Sprintf("%s: dropped fix %q for %s: %s", c.diag.Range, c.fix.Title, c.diag.Code, why))
}

package gofront

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/packages"
)

// A Problem is why part of the input was not checked: Pos is
// "file:line:col" (or "file", or "" when no file is to blame).
type Problem struct {
	Pos, Message string
}

// withoutUnbuildable leaves out the packages that do not build and returns
// what each left-out package's problem is, one line per error. A package
// with errors of its own, or importing (from source or export data) one
// that has them, has types the analyses could only guess at; go vet skips
// it too. The other packages are still checked.
func withoutUnbuildable(pkgs []*packages.Package) (ok []*packages.Package, problems []Problem) {
	culprit := map[*packages.Package]*packages.Package{}
	var find func(p *packages.Package) *packages.Package
	find = func(p *packages.Package) *packages.Package {
		if c, seen := culprit[p]; seen {
			return c
		}
		culprit[p] = nil // an import cycle does not build either, and says so itself
		var c *packages.Package
		if len(p.Errors) > 0 {
			c = p
		} else {
			for _, q := range p.Imports {
				if c = find(q); c != nil {
					break
				}
			}
		}
		culprit[p] = c
		return c
	}
	said := map[Problem]bool{}
	say := func(pr Problem) {
		if !said[pr] {
			said[pr] = true
			problems = append(problems, pr)
		}
	}
	for _, p := range pkgs {
		c := find(p)
		switch {
		case c == nil:
			ok = append(ok, p)
		case c == p:
			for _, pr := range problemsOf(p) {
				pr.Message += fmt.Sprintf(" (package %s not checked)", p.PkgPath)
				say(pr)
			}
		default:
			for _, pr := range problemsOf(c) {
				pr.Message += fmt.Sprintf(" (package %s does not build)", c.PkgPath)
				say(pr)
			}
			say(Problem{"", fmt.Sprintf("package %s not checked: it imports %s, which does not build", p.PkgPath, c.PkgPath)})
		}
	}
	return ok, problems
}

// problemsOf is a package's errors, each once: the compiler's output that
// go list reports ("# pkg" and a line per error) repeats the type
// checker's errors when the package was also read from source, and is
// split into its lines otherwise.
func problemsOf(p *packages.Package) []Problem {
	typed := false
	for _, e := range p.Errors {
		typed = typed || e.Kind == packages.TypeError || e.Kind == packages.ParseError
	}
	var out []Problem
	for _, e := range p.Errors {
		if e.Kind != packages.ListError || !strings.HasPrefix(e.Msg, "# ") {
			out = append(out, Problem{e.Pos, e.Msg})
			continue
		}
		if typed {
			continue
		}
		for _, line := range strings.Split(e.Msg, "\n") {
			if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "# ") {
				out = append(out, Problem{"", line})
			}
		}
	}
	// The type checker reports in its own order; a reader wants the file's.
	slices.SortStableFunc(out, func(a, b Problem) int {
		fa, la, ca := splitPos(a.Pos)
		fb, lb, cb := splitPos(b.Pos)
		return cmp.Or(strings.Compare(fa, fb), cmp.Compare(la, lb), cmp.Compare(ca, cb))
	})
	return out
}

// splitPos splits "file:line:col" (or "file:line", or "file").
func splitPos(pos string) (file string, line, col int) {
	nums := []int{}
	for range 2 {
		i := strings.LastIndexByte(pos, ':')
		n, err := strconv.Atoi(pos[i+1:])
		if i < 0 || err != nil {
			break
		}
		nums, pos = append([]int{n}, nums...), pos[:i]
	}
	nums = append(nums, 0, 0)
	return pos, nums[0], nums[1]
}

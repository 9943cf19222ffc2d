package driver

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/gofront"
	"github.com/asynclint/asynclint/internal/config"
)

// goTargets are the Go inputs of a run: module directories checked whole
// ("./...") and package directories named through one of their files
// (pre-commit passes staged files), each checked once.
type goTargets struct {
	modules []goModule
	// trees are directories inside a module, checked as "./dir/...".
	trees    []string
	packages []string
}

func (g goTargets) empty() bool {
	return len(g.modules) == 0 && len(g.trees) == 0 && len(g.packages) == 0
}

type goModule struct {
	dir      string
	explicit bool // named on the command line, not found by walking
}

func (g *goTargets) addModule(dir string, explicit bool) {
	g.modules = append(g.modules, goModule{dir, explicit})
}

func (g *goTargets) addTree(dir string) {
	if !slices.Contains(g.trees, dir) {
		g.trees = append(g.trees, dir)
	}
}

func (g *goTargets) addPackage(dir string) {
	if !slices.Contains(g.packages, dir) {
		g.packages = append(g.packages, dir)
	}
}

// goLoad is one gofront.Check call.
type goLoad struct {
	dir      string
	patterns []string
	explicit bool
	// walked: the packages were found by walking, so exclude applies.
	walked bool
}

// loads groups the targets into loads: a module once, with "./..."; the
// trees of one module together ("./dir/..."), unless the module is
// checked whole; the named packages of one module together, unless the
// module or a tree holding them is already checked.
func (g goTargets) loads() []goLoad {
	var out []goLoad
	for _, m := range g.modules {
		out = append(out, goLoad{dir: m.dir, patterns: []string{"./..."}, explicit: m.explicit, walked: true})
	}
	inModule := func(dir, root string) bool {
		return slices.ContainsFunc(g.modules, func(m goModule) bool { return within(dir, m.dir) && sameModule(root, m.dir) })
	}
	var trees []string
	out = append(out, groupByModule(g.trees, func(dir, root string) bool {
		if inModule(dir, root) {
			return true
		}
		trees = append(trees, dir)
		return false
	}, "/...", goLoad{explicit: true, walked: true})...)
	out = append(out, groupByModule(g.packages, func(dir, root string) bool {
		return inModule(dir, root) || slices.ContainsFunc(trees, func(t string) bool { return within(dir, t) && moduleRoot(t) == root })
	}, "", goLoad{explicit: true})...)
	return out
}

// groupByModule makes one load per module root of dirs, with each dir as
// a pattern relative to its root plus suffix, leaving out the dirs
// covered already.
func groupByModule(dirs []string, covered func(dir, root string) bool, suffix string, proto goLoad) []goLoad {
	byModule := map[string][]string{}
	var roots []string
	for _, dir := range dirs {
		root := moduleRoot(dir)
		if covered(dir, root) {
			continue
		}
		if _, ok := byModule[root]; !ok {
			roots = append(roots, root)
		}
		rel, err := filepath.Rel(root, dir)
		if err != nil {
			rel = dir
		}
		byModule[root] = append(byModule[root], "./"+filepath.ToSlash(rel)+suffix)
	}
	var out []goLoad
	for _, r := range roots {
		l := proto
		l.dir, l.patterns = r, byModule[r]
		out = append(out, l)
	}
	return out
}

// moduleRoot is the nearest directory at or above dir holding a go.mod,
// or dir itself when there is none.
func moduleRoot(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	for d := abs; ; {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return abs
		}
		d = parent
	}
}

func within(path, dir string) bool {
	a, err1 := filepath.Abs(path)
	b, err2 := filepath.Abs(dir)
	if err1 != nil || err2 != nil {
		return false
	}
	return a == b || strings.HasPrefix(a, b+string(filepath.Separator))
}

func sameModule(root, dir string) bool {
	b, err := filepath.Abs(dir)
	return err == nil && b == root
}

// checkGo runs the families with Go rules over the Go targets (gofront
// loads them with go/packages and applies //asynclint:ignore). A module
// found by walking that does not load or type-check is a warning, as an
// unreadable Python file is; one named explicitly is an error when
// strict. Files found by walking honour exclude. File names are made
// relative to the working directory, as the Python side prints them.
func checkGo(targets goTargets, cfg *config.Config, acfg *asyncir.Config, strict bool) (diags []asyncir.Diagnostic, warnings, errs []string, err error) {
	cwd, _ := os.Getwd()
	rel := func(p string) string {
		if r, err := filepath.Rel(cwd, p); err == nil && !strings.HasPrefix(r, "..") {
			return r
		}
		return p
	}
	for _, l := range targets.loads() {
		ds, problems, err := gofront.Check(l.dir, l.patterns, Analyzers(), acfg)
		if err != nil {
			if strict && l.explicit {
				return nil, nil, nil, fmt.Errorf("%s: %v", l.dir, err)
			}
			warnings = append(warnings, l.dir+": "+err.Error())
		}
		// A package that does not build is left out and the run goes on;
		// in a target the user named, that is an error of the run.
		for _, p := range problems {
			line := p.Message
			if p.Pos != "" {
				line = rel(p.Pos) + ": " + line
			}
			if strict && l.explicit {
				errs = append(errs, line)
			} else {
				warnings = append(warnings, line)
			}
		}
		for _, d := range ds {
			if l.walked && cfg.Excluded(d.Range.File) {
				continue
			}
			diags = append(diags, d.MapFiles(rel))
		}
	}
	return diags, warnings, errs, nil
}

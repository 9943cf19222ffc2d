package pyfront

import (
	"slices"
	"strings"
)

// Whether each installed package the project imports is synchronous
// (libsync.go) is found in the background, once the environment is known:
// on a first run the packages are scanned while the project is parsed and
// lowered, not when its imports are resolved against them. What the
// project imports but never uses from a package costs its scan, once: the
// verdict is cached.

// prefetchSync starts finding the verdicts of the installed top-level
// packages among tops; the returned channel is closed when it is done.
func (lib *Library) prefetchSync(tops []string) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		if env, _ := lib.Environment(); env == nil {
			return
		}
		parallel(len(tops), 0, func(k int) {
			top := tops[k]
			if typingOnly[top] || !isIdentifier(top) {
				return
			}
			for i := range lib.env.Sites {
				if lib.tops[i][top] || lib.tops[i][top+"-stubs"] { // as lookup asks
					lib.syncOnly(i, top)
					lib.syncOnly(i, top+"-stubs")
				}
			}
		})
	}()
	return done
}

// importedTops lists the top-level names the sources import that name no
// module of the project.
func importedTops(srcs []*source, project map[string]bool) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range srcs {
		for _, imp := range s.imports {
			top, _, _ := strings.Cut(imp, ".")
			if !seen[top] && !project[top] {
				seen[top] = true
				out = append(out, top)
			}
		}
	}
	slices.Sort(out)
	return out
}

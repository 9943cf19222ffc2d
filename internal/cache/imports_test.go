package cache

import (
	"slices"
	"testing"
)

func TestImportNames(t *testing.T) {
	src := `import os, a.b as c
if x:
    from .pkg import (one,
        two)  # comment, three
from .. import up; import semi
from m import \
    cont
s = "(" ; import after_paren
from   spaced   import(p)
`
	got := ImportNames([]byte(src))
	for _, want := range []string{"os", "a.b", "pkg", "pkg.one", "pkg.two", "up", "semi", "m", "m.cont", "after_paren", "spaced", "spaced.p"} {
		if !slices.Contains(got, want) {
			t.Errorf("ImportNames misses %q; got %q", want, got)
		}
	}
	if slices.Contains(got, "three") {
		t.Errorf("a name in a comment of a logical line was taken: %q", got)
	}
}

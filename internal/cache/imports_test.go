package cache

import (
	"os"
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
if TYPE_CHECKING: import colon
try: from tried import it
except ImportError: pass
`
	got := ImportNames([]byte(src))
	for _, want := range []string{"os", "a.b", "pkg", "pkg.one", "pkg.two", "up", "semi", "m", "m.cont", "after_paren", "spaced", "spaced.p", "colon", "tried", "tried.it"} {
		if !slices.Contains(got, want) {
			t.Errorf("ImportNames misses %q; got %q", want, got)
		}
	}
	if slices.Contains(got, "three") {
		t.Errorf("a name in a comment of a logical line was taken: %q", got)
	}
}

func BenchmarkImportNames(b *testing.B) {
	src, err := os.ReadFile("/root/.pyenv/versions/3.11.7/lib/python3.11/typing.py")
	if err != nil {
		b.Skip(err)
	}
	b.SetBytes(int64(len(src)))
	for i := 0; i < b.N; i++ {
		ImportNames(src)
	}
}

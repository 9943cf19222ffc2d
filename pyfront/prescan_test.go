package pyfront

import "testing"

func TestAsyncMarkerIgnoresProse(t *testing.T) {
	for src, want := range map[string]bool{
		"async def f(): pass\n":    true,
		"import asyncio\n":         true,
		"x = await_all\n":          true,
		"def run_async(f): pass\n": true,
		`"""Asynchronous I/O, see asynchronously."""` + "\n": false,
		"import asyncore, asynchat\n":                        false,
		"# asynchronous and asyncio\n":                       true,
	} {
		if got := hasAsyncMarker([]byte(src)); got != want {
			t.Errorf("hasAsyncMarker(%q) = %v, want %v", src, got, want)
		}
	}
}

func TestContainsWordNeedsWholeIdentifier(t *testing.T) {
	for _, c := range []struct {
		src, name string
		want      bool
	}{
		{"x = types._c", "_c", true},
		{"self._cache = {}", "_c", false},
		{"_co = 1", "_c", false},
		{"work()", "work", true},
		{"homework()", "work", false},
		{"work", "work", true},
	} {
		if got := containsWord([]byte(c.src), c.name); got != c.want {
			t.Errorf("containsWord(%q, %q) = %v, want %v", c.src, c.name, got, c.want)
		}
	}
}

// TestPrivateAsyncNameNeedsMention: a module that defines a private
// coroutine function (types._c, _collections_abc._ag) does not make every
// importer whose text contains those letters a candidate for lowering.
func TestPrivateAsyncNameNeedsMention(t *testing.T) {
	prog := load(t, map[string]string{
		"mytypes.py": "async def _c(): pass\nCoroutineType = type(_c())\n",
		"user.py":    "import mytypes\nself_cache = {}\ndef f(x):\n    return x._cache\n",
		"caller.py":  "import mytypes\ndef g():\n    mytypes._c()\n",
	})
	if prog.Module("user").Lowered || !prog.Module("caller").Lowered {
		t.Fatalf("user lowered %v (want false), caller lowered %v (want true)",
			prog.Module("user").Lowered, prog.Module("caller").Lowered)
	}
}

package pyfront

import "testing"

func TestCodeMarkerIgnoresProse(t *testing.T) {
	for src, want := range map[string]bool{
		"async def f(): pass\n":                          true,
		"import asyncio  # the loop\n":                   true,
		"# we awaited the lock\nx = 1\n":                 false,
		"x = 1  # awaiting a reply\n":                    false,
		`"""Return a coroutine object."""` + "\nx = 1\n": false,
		"def f():\n    'an awaitable'\n    return 1\n":   false,
		"'a coroutine' 'and more'\n":                     false,
		"'a coroutine' \\\n  'and more'\n":               false,
		// Strings that are not whole statements are kept: the lowering
		// reads annotations, constants and tables.
		"x: 'asyncio.Future' = None\n":                 true,
		"topics = {'await': 'The await expression'}\n": true,
		"'coroutine'.upper()\n":                        true,
		"'coroutine'; x = 1\n":                         true,
		"f'{await g()}'\n":                             true,
		"rf'{x}' 'awaited'\n":                          true,
		"# asynclint: ignore[AL101] -- reason\n":       true,
		"x = '''\n# not a comment: await\n'''\n":       true,
		"s = 'a # b'  # awaited\n":                     false,
	} {
		if got := hasCodeMarker([]byte(src)); got != want {
			t.Errorf("hasCodeMarker(%q) = %v, want %v", src, got, want)
		}
	}
}

// TestProseMarkerSplitsByCode: a definition whose only marker is in its
// docstring or a comment is not lowered at once with the module's async
// code, and the rest of the module is still analysed.
func TestProseMarkerSplitsByCode(t *testing.T) {
	fs := splitFile([]byte("import asyncio\n\n\ndef helper():\n    \"\"\"Not a coroutine.\"\"\"\n    return 1  # never awaited\n\n\nasync def main():\n    await asyncio.sleep(1)\n"))
	if fs == nil {
		t.Fatal("splitFile = nil")
	}
	got := map[string]bool{}
	for _, s := range fs.segs {
		if s.name != "" {
			got[s.name] = s.marker
		}
	}
	if got["helper"] || !got["main"] {
		t.Errorf("markers by definition = %v, want helper false, main true", got)
	}
}

// TestSuppressionKeepsMarker: a suppression comment names asynclint, on a
// line of its own or after code, and keeps its file and definition marked
// (whether it is used is only known once they are lowered).
func TestSuppressionKeepsMarker(t *testing.T) {
	src := "import os\n\n\ndef f():\n    return 1\n# asynclint: ignore[AL101] -- reason\n\n\ndef g():\n    return 2\n"
	if !hasCodeMarker([]byte(src)) {
		t.Error("hasCodeMarker = false for a file with a suppression")
	}
	fs := splitFile([]byte(src))
	if fs == nil {
		t.Fatal("splitFile = nil")
	}
	for _, s := range fs.segs {
		if want := s.name == "f"; s.name != "" && s.marker != want {
			t.Errorf("segment %s: marker %v, want %v", s.name, s.marker, want)
		}
	}
}

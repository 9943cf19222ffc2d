package driver

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/asynclint/asynclint/internal/cache"
	"github.com/asynclint/asynclint/internal/config"
	"github.com/asynclint/asynclint/internal/output"
)

// chain is a coroutine in a.py reaching d.helper through b and c, a
// second coroutine in a2.py reaching it too (so the finding is grouped
// at the root, in d.py), and e.py, which imports none of them.
var chain = map[string]string{
	"a.py":  "import asyncio\n\nfrom b import step_b\n\n\nasync def handler():\n    step_b()\n\n\nasyncio.run(handler())\n",
	"a2.py": "from b import step_b\n\n\nasync def other_handler():\n    step_b()\n",
	"b.py":  "from c import step_c\n\n\ndef step_b():\n    step_c()\n",
	"c.py":  "from d import helper\n\n\ndef step_c():\n    helper()\n",
	"d.py":  "import time\n\n\ndef helper():\n    time.sleep(0.1)\n",
	"e.py":  "import asyncio\nimport time\n\n\nasync def unrelated():\n    time.sleep(1)\n",
}

const (
	sleepingHelper = "import time\n\n\ndef helper():\n    time.sleep(0.1)\n"
	quietHelper    = "def helper():\n    return None\n"
)

// rendered is what check prints of a run: text, JSON, warnings and
// whether it would exit 1.
type rendered struct {
	text, json string
	warnings   []string
	findings   bool
	files      int
	lines      int
}

func render(t *testing.T, res *Result) rendered {
	t.Helper()
	var text, js bytes.Buffer
	if err := output.Text(&text, res.Diagnostics); err != nil {
		t.Fatal(err)
	}
	if err := output.JSON(&js, res.Diagnostics); err != nil {
		t.Fatal(err)
	}
	return rendered{text.String(), js.String(), res.Warnings, len(res.Diagnostics) > 0, res.Files, res.Lines}
}

// compareRuns runs dir once without a cache and once with c, and fails
// unless both print the same; it returns the cached run.
func compareRuns(t *testing.T, dir string, cfg *config.Config, c *cache.Cache) *Result {
	t.Helper()
	cold, err := Run(Options{Paths: []string{dir}, Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	warm, err := Run(Options{Paths: []string{dir}, Config: cfg, Cache: c})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := render(t, warm), render(t, cold); !reflect.DeepEqual(got, want) {
		t.Fatalf("the cached run differs from a run without the cache:\n--- cached\n%s%s%q\n--- cold\n%s%s%q", got.text, got.json, got.warnings, want.text, want.json, want.warnings)
	}
	return warm
}

func noPython() *config.Config { return &config.Config{Python: "none"} }

func newCache(t *testing.T) *cache.Cache {
	return &cache.Cache{Dir: filepath.Join(t.TempDir(), "cache"), Version: "test"}
}

// edit rewrites a file (its stamp may not change when the size stays and
// the clock is coarse: the racy window makes the cache hash it again).
func edit(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCacheHelperThreeModulesAway(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, chain)
	c := newCache(t)
	first := compareRuns(t, dir, noPython(), c)
	if first.Cached != 0 {
		t.Fatalf("the first run took %d files from an empty cache", first.Cached)
	}
	if !strings.Contains(render(t, first).text, "d.py:5:5") {
		t.Fatalf("the fixture's grouped finding at d.py is missing:\n%s", render(t, first).text)
	}
	if replay := compareRuns(t, dir, noPython(), c); replay.Cached != len(chain) {
		t.Fatalf("an unchanged tree took %d of %d files from the cache", replay.Cached, len(chain))
	}
	for _, text := range []string{quietHelper, sleepingHelper, quietHelper} {
		edit(t, filepath.Join(dir, "d.py"), text)
		res := compareRuns(t, dir, noPython(), c)
		// a, a2, b, c and d are one component; e.py alone is reused.
		if res.Cached != 1 {
			t.Errorf("after editing d.py, %d files came from the cache; want 1 (e.py)", res.Cached)
		}
	}
	// The grouped finding loses a site: a2 no longer calls step_b.
	edit(t, filepath.Join(dir, "d.py"), sleepingHelper)
	compareRuns(t, dir, noPython(), c)
	edit(t, filepath.Join(dir, "a2.py"), "async def other_handler():\n    return None\n")
	compareRuns(t, dir, noPython(), c)
}

func TestCacheConfigChangeInvalidates(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, chain)
	c := newCache(t)
	compareRuns(t, dir, noPython(), c)
	for _, cfg := range []*config.Config{
		{Python: "none", Ignore: []string{"AL201"}},
		{Python: "none", AllSites: true},
		{Python: "none", TestFiles: []string{"a.py"}},
	} {
		if res := compareRuns(t, dir, cfg, c); res.Cached != 0 {
			t.Errorf("config %+v: %d files from a cache of another configuration", cfg, res.Cached)
		}
	}
}

func TestCacheVersionChangeInvalidates(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, chain)
	c := newCache(t)
	compareRuns(t, dir, noPython(), c)
	other := &cache.Cache{Dir: c.Dir, Version: "another build"}
	if res := compareRuns(t, dir, noPython(), other); res.Cached != 0 {
		t.Errorf("%d files from the cache of another binary", res.Cached)
	}
}

func TestCacheAddedAndDeletedFiles(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, chain)
	c := newCache(t)
	compareRuns(t, dir, noPython(), c)
	// A new coroutine reaching the helper joins the group at d.py.
	writeTree(t, dir, map[string]string{"f.py": "from c import step_c\n\n\nasync def third():\n    step_c()\n"})
	compareRuns(t, dir, noPython(), c)
	// A new module named like an import e.py made before resolves it.
	edit(t, filepath.Join(dir, "e.py"), "import asyncio\n\nimport g\n\n\nasync def unrelated():\n    g.wait()\n")
	compareRuns(t, dir, noPython(), c)
	writeTree(t, dir, map[string]string{"g.py": "import time\n\n\ndef wait():\n    time.sleep(1)\n"})
	compareRuns(t, dir, noPython(), c)
	for _, name := range []string{"g.py", "a2.py", "d.py"} {
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
		compareRuns(t, dir, noPython(), c)
	}
}

func TestCacheCorruptEntryIsIgnored(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, chain)
	c := newCache(t)
	compareRuns(t, dir, noPython(), c)
	entries, _ := filepath.Glob(filepath.Join(c.Dir, "v*", "*"))
	if len(entries) != 1 {
		t.Fatalf("want one entry, found %q", entries)
	}
	good, err := os.ReadFile(entries[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range [][]byte{[]byte("garbage"), good[:len(good)/2], append(bytes.Clone(good[:40]), bytes.Repeat([]byte{0xff}, 200)...), nil} {
		if err := os.WriteFile(entries[0], bad, 0o644); err != nil {
			t.Fatal(err)
		}
		if res := compareRuns(t, dir, noPython(), c); res.Cached != 0 {
			t.Errorf("%d files taken from a corrupt entry", res.Cached)
		}
	}
}

// Two runs sharing one directory, while files change under them: each
// prints what a run without the cache prints, and the entry left behind
// decodes.
func TestCacheConcurrentRuns(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, chain)
	c := newCache(t)
	cold := map[string]rendered{}
	for _, text := range []string{sleepingHelper, quietHelper} {
		edit(t, filepath.Join(dir, "d.py"), text)
		res, err := Run(Options{Paths: []string{dir}, Config: noPython()})
		if err != nil {
			t.Fatal(err)
		}
		cold[text] = render(t, res)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 100)
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 6; i++ {
				res, err := Run(Options{Paths: []string{dir}, Config: noPython(), Cache: c})
				if err != nil {
					errs <- err.Error()
					return
				}
				// The line count may mix the versions (it is read
				// apart from the analysis, as the file changes), the
				// findings may not.
				got := render(t, res)
				same := func(want rendered) bool { return got.text == want.text && got.json == want.json }
				if !same(cold[sleepingHelper]) && !same(cold[quietHelper]) {
					errs <- fmt.Sprintf("a concurrent run printed neither version's findings:\n%s", got.text)
				}
			}
		}()
	}
	// The file flips between two versions, each written atomically, so
	// every run saw one of them.
	for i := 0; i < 6; i++ {
		text := []string{sleepingHelper, quietHelper}[i%2]
		tmp := filepath.Join(dir, "d.tmp")
		os.WriteFile(tmp, []byte(text), 0o644)
		os.Rename(tmp, filepath.Join(dir, "d.py"))
		time.Sleep(20 * time.Millisecond)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	edit(t, filepath.Join(dir, "d.py"), sleepingHelper)
	compareRuns(t, dir, noPython(), c)
	compareRuns(t, dir, noPython(), c)
}

// Edits in turn to two components: each run re-checks only the edited
// one.
func TestCacheEditsInTurn(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, chain)
	c := newCache(t)
	compareRuns(t, dir, noPython(), c)
	for i := 0; i < 3; i++ {
		edit(t, filepath.Join(dir, "d.py"), sleepingHelper+strings.Repeat("\n", i+1))
		if res := compareRuns(t, dir, noPython(), c); res.Cached != 1 {
			t.Errorf("edit %d of d.py: %d files from the cache, want 1", i, res.Cached)
		}
		edit(t, filepath.Join(dir, "e.py"), chain["e.py"]+strings.Repeat("\n", i+1))
		if res := compareRuns(t, dir, noPython(), c); res.Cached != 5 {
			t.Errorf("edit %d of e.py: %d files from the cache, want 5", i, res.Cached)
		}
	}
}

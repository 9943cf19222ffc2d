package gofront_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/analyzers/all"
	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/gofront"
)

const checkSrc = `package m

import (
	"context"
	"time"
)

func Leak(ctx context.Context) error {
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case <-ch:
	case <-ctx.Done():
	}
	time.Sleep(time.Minute)
	time.Sleep(time.Minute) //asynclint:ignore AL251 measured, fine
	return nil
}
`

// checkTestSrc is a test file: go vet sees it, so check does too.
const checkTestSrc = `package m

import (
	"context"
	"testing"
	"time"
)

func TestLeak(t *testing.T) {
	time.Sleep(time.Minute)
	_ = Leak(context.Background())
}

func helper(ctx context.Context) { time.Sleep(time.Minute) }
`

// TestCheck loads a module with go/packages and returns IR diagnostics,
// suppressions and configuration applied.
func TestCheck(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{"go.mod": "module example.com/m\n\ngo 1.26\n", "m.go": checkSrc, "m_test.go": checkTestSrc} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("GOWORK", "off")
	t.Setenv("GOFLAGS", "")
	ds, problems, err := gofront.Check(dir, []string{"./..."}, all.Analyzers(), nil)
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	var got []string
	for _, d := range ds {
		got = append(got, fmt.Sprintf("%s:%s@%d", filepath.Base(d.Range.File), d.Code, d.Range.Start.Line))
	}
	// Each once: the package and its test variant share m.go.
	if want := "m.go:AL151@10 m.go:AL251@15 m_test.go:AL251@14"; strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}

	ds, _, err = gofront.Check(dir, []string{"./..."}, all.Analyzers(), &asyncir.Config{Ignore: []string{"AL2"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].Code != "AL151" || ds[0].Severity != asyncir.SeverityWarning {
		t.Errorf("with AL2 ignored: %+v", ds)
	}
}

// TestCheckSkipsUnbuildable: a package that does not type-check, and one
// that imports it, are named with the error and left out; the rest of
// the module is still checked, whether the broken package is a root or a
// dependency read from export data.
func TestCheckSkipsUnbuildable(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.26\n",
		"m.go":   checkSrc,
		"b/b.go": "package b\n\nfunc B() int { return undefinedName }\n",
		"c/c.go": "package c\n\nimport \"example.com/m/b\"\n\nfunc C() int { return b.B() }\n",
	}
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("GOWORK", "off")
	t.Setenv("GOFLAGS", "")
	for _, pattern := range []string{"./...", "./c"} {
		ds, problems, err := gofront.Check(dir, []string{pattern}, all.Analyzers(), nil)
		if err != nil {
			t.Fatalf("%s: %v", pattern, err)
		}
		var lines []string
		for _, p := range problems {
			line := p.Message
			if p.Pos != "" {
				line = strings.TrimPrefix(p.Pos, dir+string(filepath.Separator)) + ": " + line
			}
			lines = append(lines, line)
		}
		text := strings.Join(lines, "\n")
		if !regexp.MustCompile(`(?m)^b/b\.go:3:23: undefined: undefinedName \(package example\.com/m/b (not checked|does not build)\)$`).MatchString(text) ||
			!strings.Contains(text, "package example.com/m/c not checked: it imports example.com/m/b, which does not build") {
			t.Errorf("%s: problems do not name b's error and c:\n%s", pattern, text)
		}
		var codes []string
		for _, d := range ds {
			codes = append(codes, filepath.Base(d.Range.File)+":"+d.Code)
		}
		want := ""
		if pattern == "./..." {
			want = "m.go:AL151 m.go:AL251"
		}
		if strings.Join(codes, " ") != want {
			t.Errorf("%s: findings %q, want %q", pattern, strings.Join(codes, " "), want)
		}
	}
}

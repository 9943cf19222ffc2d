package gofront_test

import (
	"fmt"
	"os"
	"path/filepath"
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
	ds, err := gofront.Check(dir, []string{"./..."}, all.Analyzers(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range ds {
		got = append(got, fmt.Sprintf("%s:%s@%d", filepath.Base(d.Range.File), d.Code, d.Range.Start.Line))
	}
	// Each once: the package and its test variant share m.go.
	if want := "m.go:AL151@10 m.go:AL251@15 m_test.go:AL251@14"; strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}

	ds, err = gofront.Check(dir, []string{"./..."}, all.Analyzers(), &asyncir.Config{Ignore: []string{"AL2"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].Code != "AL151" || ds[0].Severity != asyncir.SeverityWarning {
		t.Errorf("with AL2 ignored: %+v", ds)
	}
}

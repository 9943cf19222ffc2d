package driver

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMixedTree checks a tree holding a Python file and a Go module in one
// run: both languages report, and a Go suppression silences its line.
func TestMixedTree(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a Go module")
	}
	dir := t.TempDir()
	files := map[string]string{
		"app.py":     "import asyncio\n\nasync def work():\n    await asyncio.sleep(1)\n\nasync def main():\n    work()\n",
		"svc/go.mod": "module example.com/svc\n\ngo 1.26\n",
		"svc/svc.go": `package svc

import (
	"context"
	"time"
)

func Fetch(ctx context.Context) (int, error) {
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func Retry(ctx context.Context) {
	time.Sleep(time.Minute) //asynclint:ignore AL251 bounded pause
	time.Sleep(time.Minute)
}
`,
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
	res, err := Run(Options{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, fmt.Sprintf("%s:%d:%s", filepath.Base(d.Range.File), d.Range.Start.Line, d.Code))
	}
	if want := "app.py:7:AL101 svc.go:10:AL151 svc.go:21:AL251"; strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q (warnings %q)", strings.Join(got, " "), want, res.Warnings)
	}
}

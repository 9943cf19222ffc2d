package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

func TestIsVetInvocation(t *testing.T) {
	for _, c := range []struct {
		args []string
		want bool
	}{
		{[]string{"-V=full"}, true},
		{[]string{"-flags"}, true},
		{[]string{"/tmp/go-build1/b001/vet.cfg"}, true},
		{[]string{"-json", "-neverawaited", "vet.cfg"}, true},
		{[]string{"check", "x.cfg"}, false},
		{[]string{"check", "."}, false},
		{[]string{"-V"}, false},
		{nil, false},
	} {
		if got := isVetInvocation(c.args); got != c.want {
			t.Errorf("isVetInvocation(%q) = %v, want %v", c.args, got, c.want)
		}
	}
}

const leakyModule = `package m

import "context"

func work() int { return 1 }

func Fetch(ctx context.Context) (int, error) {
	ch := make(chan int)
	go func() { ch <- work() }()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
`

// TestGoVet builds the binary and runs it under go vet on a throwaway
// module: a leak is reported in vet's format with a failing exit code,
// and the fixed module passes.
func TestGoVet(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs go vet")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatal("go is required: ", err)
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "asynclint")
	build := exec.Command(goTool, "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	mod := filepath.Join(dir, "m")
	write := func(src string) {
		t.Helper()
		if err := os.MkdirAll(mod, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module example.com/m\n\ngo 1.26\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(mod, "m.go"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	vet := func() (string, int) {
		t.Helper()
		cmd := exec.Command(goTool, "vet", "-vettool="+bin, "./...")
		cmd.Dir = mod
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=", "GOPROXY=off")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		var exit *exec.ExitError
		switch {
		case err == nil:
			return out.String(), 0
		case errors.As(err, &exit):
			return out.String(), exit.ExitCode()
		}
		t.Fatalf("go vet: %v\n%s", err, out.String())
		return "", 0
	}

	write(leakyModule)
	out, code := vet()
	if code == 0 {
		t.Fatalf("go vet exited 0 on a leak; output:\n%s", out)
	}
	want := regexp.MustCompile(`(?m)^(\./)?m\.go:9:2: goroutine .* can block forever sending on unbuffered channel ` + "`ch`" + `.*\(AL151\)$`)
	if !want.MatchString(out) {
		t.Fatalf("go vet output does not match %s:\n%s", want, out)
	}

	// What go vet -help tells the user to run exists and lists the
	// analyzers, whose -NAME=false flag works.
	help := exec.Command(goTool, "vet", "-vettool="+bin, "-help")
	helpOut, _ := help.CombinedOutput()
	runs := regexp.MustCompile(`Run '(\S+) (help|-help)'`).FindAllStringSubmatch(string(helpOut), -1)
	if len(runs) == 0 {
		t.Fatalf("go vet -help names no asynclint command:\n%s", helpOut)
	}
	for _, r := range runs {
		out, err := exec.Command(r[1], r[2]).CombinedOutput()
		if err != nil || !regexp.MustCompile(`(?m)^  neverawaited `).Match(out) {
			t.Errorf("%s %s (suggested by go vet -help): %v\n%s", r[1], r[2], err, out)
		}
	}
	vetOff := exec.Command(goTool, "vet", "-vettool="+bin, "-neverawaited=false", "./...")
	vetOff.Dir = mod
	vetOff.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=", "GOPROXY=off")
	if out, err := vetOff.CombinedOutput(); err != nil {
		t.Errorf("-neverawaited=false still reports: %v\n%s", err, out)
	}

	write(regexp.MustCompile(`make\(chan int\)`).ReplaceAllString(leakyModule, "make(chan int, 1)"))
	if out, code := vet(); code != 0 || out != "" {
		t.Fatalf("fixed module: exit %d, output:\n%s", code, out)
	}

	// vet shows what check shows: a dial that ignores ctx in a test file
	// is info in the test profile, so vet passes, until the project's
	// configuration asks for info.
	if err := os.WriteFile(filepath.Join(mod, "m_test.go"), []byte(dialInTest), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, code := vet(); code != 0 || out != "" {
		t.Fatalf("info finding in a test file: exit %d, output:\n%s", code, out)
	}
	if err := os.WriteFile(filepath.Join(mod, "pyproject.toml"), []byte("[tool.asynclint]\nmin-severity = \"info\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, code = vet()
	if wantInfo := regexp.MustCompile(`(?m)^(\./)?m_test\.go:9:9: .*net\.Dial.* \(AL251\)$`); code == 0 || !wantInfo.MatchString(out) {
		t.Fatalf("min-severity = \"info\": exit %d, output does not match %s:\n%s", code, wantInfo, out)
	}
}

const dialInTest = `package m

import (
	"context"
	"net"
)

func dialPeer(ctx context.Context, addr string) (net.Conn, error) {
	return net.Dial("tcp", addr)
}
`

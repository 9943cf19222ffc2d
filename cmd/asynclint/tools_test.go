package main

import (
	"os"
	"os/exec"
	"testing"
)

// requireTool finds an external program an end-to-end test drives. Local
// runs without it skip; CI (CI=true) must have it, so there a missing tool
// fails the test instead of silently skipping it.
func requireTool(t *testing.T, name, apt string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s not found but CI=true: install it (apt-get install -y %s)", name, apt)
	}
	t.Skipf("%s not found; skipping (apt-get install -y %s to run this test)", name, apt)
	return ""
}

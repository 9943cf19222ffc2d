package verify

import (
	"os"
	"os/exec"
	"testing"
)

// requirePython skips a test that runs cases under CPython when python3
// is not installed, saying so; in CI (CI=true) a missing python3 fails,
// as the runtime checks are what keep the expectations honest.
func requirePython(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("python3"); err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("python3 not found but CI=true: the runtime checks need CPython 3.11 as python3")
	}
	t.Skip("python3 not found: skipping the runtime checks (install CPython 3.11 as python3 to run them)")
}

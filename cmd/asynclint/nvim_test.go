package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const nvimBuggy = `import asyncio


async def notify(user):
    await asyncio.sleep(0)


async def handler(user):
    notify(user)
    return user
`

// readmeNeovimSnippet is the first Lua block of README.md's Neovim
// section: the configuration users copy.
func readmeNeovimSnippet(t *testing.T) string {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n### Neovim\n")
	if !ok {
		t.Fatal("README.md has no ### Neovim section")
	}
	_, block, ok := strings.Cut(section, "```lua\n")
	if !ok {
		t.Fatal("README.md's Neovim section has no lua block")
	}
	code, _, ok := strings.Cut(block, "```")
	if !ok {
		t.Fatal("README.md's Neovim lua block is not closed")
	}
	return code
}

// TestNeovimEndToEnd runs a real Neovim, headless, configured by the
// README's own snippet, with asynclint on PATH.
func TestNeovimEndToEnd(t *testing.T) {
	nvim := requireTool(t, "nvim", "neovim")
	bin := buildBinary(t)
	dir := t.TempDir()
	snippet := filepath.Join(dir, "readme_snippet.lua")
	if err := os.WriteFile(snippet, []byte(readmeNeovimSnippet(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "handler.py")
	if err := os.WriteFile(file, []byte(nvimBuggy), 0o644); err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs(filepath.Join("testdata", "nvim", "e2e.lua"))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "result.json")
	// The python ftplugin asks has('python3'), which probes for a Python
	// provider for seconds; the test does not need one.
	cmd := exec.Command(nvim, "--headless", "--clean", "-n", "-i", "NONE", "--cmd", "let g:loaded_python3_provider = 0", "-c", "luafile "+script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"),
		"E2E_SNIPPET="+snippet, "E2E_FILE="+file, "E2E_OUT="+out,
		"XDG_STATE_HOME="+filepath.Join(dir, "state"), "XDG_CACHE_HOME="+filepath.Join(dir, "cache"))
	combined, runErr := cmd.CombinedOutput()
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("neovim wrote no result (%v): %v\n%s", runErr, err, combined)
	}
	var res struct {
		Version     string
		Error       string
		Diagnostics []struct {
			Code, Source, Message string
			Lnum, Col, Severity   int
			EndCol                int `json:"end_col"`
		}
		Offered   []string
		FixedLine string `json:"fixed_line"`
		Remaining *int
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		t.Fatalf("result %s: %v", raw, err)
	}
	t.Logf("Neovim %s", res.Version)
	if res.Error != "" || runErr != nil {
		t.Fatalf("neovim: %s (%v)\n%s", res.Error, runErr, combined)
	}
	if len(res.Diagnostics) != 1 {
		t.Fatalf("diagnostics = %+v, want one AL101", res.Diagnostics)
	}
	d := res.Diagnostics[0]
	if d.Code != "AL101" || d.Lnum != 8 || d.Col != 4 || d.Severity != 1 || d.Source != "asynclint" ||
		!strings.Contains(d.Message, "coroutine `notify` is created but never awaited") {
		t.Errorf("diagnostic = %+v, want AL101 on line 9 (0-based 8), column 4, about `notify`", d)
	}
	if res.FixedLine != "    await notify(user)" {
		t.Errorf("line after the quick fix = %q, want %q (offered %q)", res.FixedLine, "    await notify(user)", res.Offered)
	}
	if res.Remaining == nil || *res.Remaining != 0 {
		t.Errorf("diagnostics after the fix = %v, want 0", res.Remaining)
	}
}

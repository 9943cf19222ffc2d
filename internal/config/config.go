// Package config reads [tool.asynclint] from pyproject.toml and merges the
// command line over it.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/asynclint/asynclint/asyncir"
)

// Config is the effective configuration of one run.
type Config struct {
	// Path of the pyproject.toml it came from; empty when none.
	Path string
	// Root is the directory relative paths in the file are resolved from.
	Root                     string
	Select, Ignore           []string
	PerFileIgnores           map[string][]string
	TargetVersion            asyncir.Version
	ExtendBlockingCalls      []string
	ExtendCoroutineFunctions []string
	Exclude                  []string
	// TestFiles are the patterns of the test profile; nil means
	// DefaultTestFiles, empty turns the profile off.
	TestFiles []string
	// ExampleFiles are the patterns of the example profile; nil means
	// DefaultExampleFiles, empty turns the profile off.
	ExampleFiles []string
	// BlockingTiers overrides the severity of a blocking tier.
	BlockingTiers map[asyncir.BlockTier]asyncir.Severity
	// MinSeverity is the least severity check shows (nil: warning).
	MinSeverity *asyncir.Severity
	// AllSites reports every call site of a shared root separately.
	AllSites bool
	// Python is the interpreter whose installed packages are read ("" to
	// find it; "none" to read none); a relative path is from Root.
	Python string
	// source is the file's text, to place errors found after Load.
	source []byte
	// MaxFileSize is the largest Python file analysed, in bytes; 0 means
	// DefaultMaxFileSize. See MaxFileBytes.
	MaxFileSize int64
	// CacheDir is where results are cached between runs ("": the
	// default, internal/cache.DefaultDir); a relative path is from Root.
	// It does not affect findings, so it is no part of the cache key.
	CacheDir string `json:"-"`
}

// DefaultMaxFileSize (1 MiB) is above every hand-written module we know
// of (CPython's largest, pydoc_data/topics.py, is 756 KB; asyncssh's
// connection.py 348 KB) and below generated data modules, which cost
// about 200 bytes of memory per byte to lower.
const DefaultMaxFileSize = 1 << 20

// MaxFileBytes is the effective per-file size limit.
func (c *Config) MaxFileBytes() int64 {
	if c == nil || c.MaxFileSize <= 0 {
		return DefaultMaxFileSize
	}
	return c.MaxFileSize
}

// DefaultTestFiles are the files of the test profile unless configured: a
// directory pattern covers every file beneath it. test/ and testing/ hold
// test suites and their support modules too (slixmpp's test/, CPython's
// Lib/test/support, trio.testing).
var DefaultTestFiles = []string{"tests", "test", "testing", "test_*.py", "*_test.py", "conftest.py", "*_test.go"}

// DefaultExampleFiles are the files of the example profile unless
// configured: the directories projects keep demonstration programs in
// (go-workflows keeps its runnable workflows in samples/).
var DefaultExampleFiles = []string{"examples", "_examples", "example", "_example", "samples", "_samples"}

// file mirrors the TOML table.
type file struct {
	Project struct {
		RequiresPython string `toml:"requires-python"`
	} `toml:"project"`
	Tool struct {
		Asynclint *struct {
			Select                   []string            `toml:"select"`
			Ignore                   []string            `toml:"ignore"`
			PerFileIgnores           map[string][]string `toml:"per-file-ignores"`
			TargetVersion            string              `toml:"target-version"`
			ExtendBlockingCalls      []string            `toml:"extend-blocking-calls"`
			ExtendCoroutineFunctions []string            `toml:"extend-coroutine-functions"`
			Exclude                  []string            `toml:"exclude"`
			TestFiles                *[]string           `toml:"test-files"`
			ExampleFiles             *[]string           `toml:"example-files"`
			BlockingTiers            map[string]string   `toml:"blocking-tiers"`
			MinSeverity              string              `toml:"min-severity"`
			AllSites                 bool                `toml:"all-sites"`
			Python                   string              `toml:"python"`
			MaxFileSize              int64               `toml:"max-file-size"`
			CacheDir                 string              `toml:"cache-dir"`
		} `toml:"asynclint"`
	} `toml:"tool"`
}

// Error is a configuration problem with its place.
type Error struct {
	Path string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

var codePrefixRE = regexp.MustCompile(`^(ALL|AL[0-9]{0,3})$`)

// Find walks up from start to the first pyproject.toml that has a
// [tool.asynclint] table (or, failing that, the first one at all, for
// requires-python); "" when there is none.
func Find(start string) string {
	dir, err := filepath.Abs(start)
	if err != nil {
		return ""
	}
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		dir = filepath.Dir(dir)
	}
	first := ""
	for {
		p := filepath.Join(dir, "pyproject.toml")
		if b, err := os.ReadFile(p); err == nil {
			if strings.Contains(string(b), "[tool.asynclint") {
				return p
			}
			if first == "" {
				first = p
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return first
		}
		dir = parent
	}
}

// Load reads one pyproject.toml.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{Path: path, Msg: fmt.Sprintf("cannot read: %v", unwrapPath(err))}
	}
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err == nil {
		if err := checkTypes(raw, data, path); err != nil {
			return nil, err
		}
	}
	var f file
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{Path: path, Line: pe.Position.Line, Msg: pe.Message}
		}
		return nil, &Error{Path: path, Line: lineOfError(err), Msg: err.Error()}
	}
	cfg := &Config{Path: path, Root: filepath.Dir(path), source: data}
	for _, k := range md.Undecoded() {
		if len(k) >= 2 && k[0] == "tool" && k[1] == "asynclint" {
			return nil, &Error{Path: path, Line: lineOf(data, k[len(k)-1]), Msg: fmt.Sprintf("unknown setting %q in [tool.asynclint]", k.String())}
		}
	}
	if rp := f.Project.RequiresPython; rp != "" {
		v, ok, err := minVersion(rp)
		if err != nil {
			return nil, &Error{Path: path, Line: lineOf(data, "requires-python"), Msg: "requires-python: " + err.Error()}
		}
		if ok {
			cfg.TargetVersion = v
		}
	}
	a := f.Tool.Asynclint
	if a == nil {
		return cfg, nil
	}
	cfg.Python = a.Python
	if cfg.Python != "" && cfg.Python != "none" && !filepath.IsAbs(cfg.Python) && strings.ContainsRune(cfg.Python, '/') {
		cfg.Python = filepath.Join(cfg.Root, cfg.Python)
	}
	for _, list := range [][]string{a.Select, a.Ignore} {
		for _, c := range list {
			if !codePrefixRE.MatchString(c) {
				return nil, &Error{Path: path, Line: lineOf(data, c), Msg: fmt.Sprintf("%q is not a rule code or prefix (like AL101 or AL1)", c)}
			}
		}
	}
	for pat, codes := range a.PerFileIgnores {
		if _, err := filepath.Match(pat, "x"); err != nil {
			return nil, &Error{Path: path, Line: lineOf(data, pat), Msg: fmt.Sprintf("bad pattern %q in per-file-ignores", pat)}
		}
		for _, c := range codes {
			if !codePrefixRE.MatchString(c) {
				return nil, &Error{Path: path, Line: lineOf(data, c), Msg: fmt.Sprintf("%q is not a rule code or prefix", c)}
			}
		}
	}
	for _, pat := range a.Exclude {
		if _, err := filepath.Match(pat, "x"); err != nil {
			return nil, &Error{Path: path, Line: lineOf(data, pat), Msg: fmt.Sprintf("bad exclude pattern %q", pat)}
		}
	}
	if a.TargetVersion != "" {
		v, ok := asyncir.ParseVersion(a.TargetVersion)
		if !ok {
			return nil, &Error{Path: path, Line: lineOf(data, "target-version"), Msg: fmt.Sprintf("target-version %q is not one of py38 … py314 (or 3.8 … 3.14)", a.TargetVersion)}
		}
		cfg.TargetVersion = v
	}
	if err := loadPolicy(cfg, a.TestFiles, a.ExampleFiles, a.BlockingTiers, a.MinSeverity, data); err != nil {
		return nil, err
	}
	cfg.AllSites = a.AllSites
	cfg.Select, cfg.Ignore = a.Select, a.Ignore
	cfg.PerFileIgnores = a.PerFileIgnores
	cfg.ExtendBlockingCalls = a.ExtendBlockingCalls
	cfg.ExtendCoroutineFunctions = a.ExtendCoroutineFunctions
	cfg.Exclude = a.Exclude
	if a.MaxFileSize < 0 {
		return nil, &Error{Path: path, Line: lineOf(data, "max-file-size"), Msg: "max-file-size must be a positive number of bytes"}
	}
	cfg.MaxFileSize = a.MaxFileSize
	cfg.CacheDir = a.CacheDir
	if cfg.CacheDir != "" && !filepath.IsAbs(cfg.CacheDir) {
		cfg.CacheDir = filepath.Join(cfg.Root, cfg.CacheDir)
	}
	return cfg, nil
}

// CheckCodes reports the first code in select, ignore or per-file-ignores
// that is well formed but matches no rule (AL999, or AL110 where no rule
// has that number): such a typo would select or ignore nothing, silently.
// known reports whether a code or prefix matches at least one rule.
func (c *Config) CheckCodes(known func(code string) bool) error {
	check := func(setting string, codes []string) error {
		for _, code := range codes {
			if !known(code) {
				return &Error{Path: c.Path, Line: lineOf(c.source, code), Msg: fmt.Sprintf("%s: %s is not the code or prefix of any rule (asynclint rules lists them)", setting, code)}
			}
		}
		return nil
	}
	if err := check("select", c.Select); err != nil {
		return err
	}
	if err := check("ignore", c.Ignore); err != nil {
		return err
	}
	pats := make([]string, 0, len(c.PerFileIgnores))
	for p := range c.PerFileIgnores {
		pats = append(pats, p)
	}
	sort.Strings(pats)
	for _, p := range pats {
		if err := check("per-file-ignores", c.PerFileIgnores[p]); err != nil {
			return err
		}
	}
	return nil
}

func lineOf(data []byte, needle string) int {
	for i, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, needle) {
			return i + 1
		}
	}
	return 0
}

var lineRE = regexp.MustCompile(`line (\d+)`)

func lineOfError(err error) int {
	if m := lineRE.FindStringSubmatch(err.Error()); m != nil {
		n := 0
		fmt.Sscan(m[1], &n)
		return n
	}
	return 0
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// IgnoredFor returns the per-file-ignores codes that apply to path.
func (c *Config) IgnoredFor(path string) []string {
	if c == nil || len(c.PerFileIgnores) == 0 {
		return nil
	}
	rel := c.rel(path)
	var pats []string
	for p := range c.PerFileIgnores {
		pats = append(pats, p)
	}
	sort.Strings(pats)
	var out []string
	for _, p := range pats {
		if matchPath(p, rel) {
			out = append(out, c.PerFileIgnores[p]...)
		}
	}
	return out
}

// Excluded reports whether a walked path matches an exclude pattern.
func (c *Config) Excluded(path string) bool {
	if c == nil {
		return false
	}
	rel := c.rel(path)
	for _, p := range c.Exclude {
		if matchPath(p, rel) {
			return true
		}
	}
	return false
}

func (c *Config) rel(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	root := c.Root
	if root == "" {
		root, _ = os.Getwd()
	}
	if r, err := filepath.Rel(root, abs); err == nil {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(path)
}

// matchPath matches a glob against a slash path, its base name, or any of
// its leading directories ("tests" excludes "tests/a.py").
func matchPath(pat, rel string) bool {
	if ok, _ := filepath.Match(pat, rel); ok {
		return true
	}
	if ok, _ := filepath.Match(pat, filepath.Base(rel)); ok {
		return true
	}
	parts := strings.Split(rel, "/")
	for i := 1; i < len(parts); i++ {
		if ok, _ := filepath.Match(pat, strings.Join(parts[:i], "/")); ok {
			return true
		}
		if ok, _ := filepath.Match(pat, parts[i-1]); ok {
			return true
		}
	}
	return false
}

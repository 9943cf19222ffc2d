package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/cache"
	"github.com/asynclint/asynclint/internal/config"
	"github.com/asynclint/asynclint/internal/driver"
	"github.com/asynclint/asynclint/internal/output"
)

// checkFlags are the options of "asynclint check".
type checkFlags struct {
	format, selectCodes, ignoreCodes, target, configPath, python string
	minSeverity, outputFile                                      string
	exitZero, noConfig, stats, parseOnly, allSites               bool
	addNoqa, noCache                                             bool
	cacheDir                                                     string
	cpuProfile, memProfile, execTrace                            string
	maxFileSize                                                  int64
	fixFlags
}

func (c *checkFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.format, "format", "text", "output format: text, json, sarif or github")
	fs.StringVar(&c.selectCodes, "select", "", "comma-separated codes or prefixes to enable (default: all)")
	fs.StringVar(&c.ignoreCodes, "ignore", "", "comma-separated codes or prefixes to disable")
	fs.StringVar(&c.target, "target-version", "", "Python version to check for: 3.8 … 3.14 (or py38 … py314)")
	fs.StringVar(&c.configPath, "config", "", "pyproject.toml to read instead of searching upwards from the paths")
	fs.BoolVar(&c.noConfig, "no-config", false, "ignore every pyproject.toml")
	fs.StringVar(&c.python, "python", "", "interpreter (or environment directory) whose installed packages are read; \"none\" reads none")
	fs.StringVar(&c.minSeverity, "min-severity", "", "least severity to show and fail on: info, warning or error (default warning, or min-severity in the configuration)")
	fs.BoolVar(&c.allSites, "all-sites", false, "report every call site of a shared blocking helper separately, not once at the helper")
	fs.BoolVar(&c.addNoqa, "add-noqa", false, "add a suppression comment for every finding shown, then exit")
	fs.BoolVar(&c.exitZero, "exit-zero", false, "exit 0 even when diagnostics are reported")
	fs.StringVar(&c.outputFile, "output-file", "", "write the report to this file instead of standard output")
	fs.BoolVar(&c.stats, "statistics", false, "print file, line and timing figures to stderr")
	fs.StringVar(&c.cpuProfile, "cpuprofile", "", "write a CPU profile of the run to this file")
	fs.StringVar(&c.memProfile, "memprofile", "", "write a heap profile at the end of the run to this file")
	fs.StringVar(&c.execTrace, "trace", "", "write a runtime execution trace of the run to this file (go tool trace)")
	fs.BoolVar(&c.parseOnly, "parse-only", false, "benchmark baseline: parse every file, analyse nothing")
	fs.BoolVar(&c.noCache, "no-cache", false, "neither read nor write the result cache")
	fs.StringVar(&c.cacheDir, "cache-dir", "", "directory of the result cache (default: cache-dir in the configuration, $ASYNCLINT_CACHE_DIR, or .asynclint_cache in the project root)")
	fs.Int64Var(&c.maxFileSize, "max-file-size", 0, "skip Python files larger than this many bytes, with a warning (default 1048576, or max-file-size in pyproject.toml)")
	c.fixFlags.register(fs)
}

const checkUsage = `usage: asynclint check [flags] [paths...]

Checks Python files (.py, .pyi) and Go code: a directory is walked for
Python files and for Go modules (directories with a go.mod, checked with
./...); a directory inside a module is checked as "go vet ./dir/..." and
a Go pattern ("./...", "dir/...") as its directory; a .go file named
directly checks its package once (as pre-commit passes staged files). The default path is ".". Exit status: 0 clean,
1 findings, 2 usage, configuration or I/O error, or a named Go package that does not build (its errors
are printed, and the rest is still checked and reported).

flags:
`

// parseInterleaved lets flags follow positional arguments, as users of
// ruff and staticcheck expect ("asynclint check src --format json").
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func check(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("asynclint check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), checkUsage)
		fs.PrintDefaults()
	}
	var cf checkFlags
	cf.register(fs)
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	return runCheck(cf, paths, nil, stdout, stderr)
}

// runCheck is check after its flags: the static check of paths, joined
// with findings of join's own when join is set (trace), reported to
// stdout or --output-file, with check's exit code.
func runCheck(cf checkFlags, paths []string, join func([]asyncir.Diagnostic, *asyncir.Config) []asyncir.Diagnostic, stdout, stderr io.Writer) int {
	switch cf.format {
	case "text", "json", "sarif", "github":
	default:
		fmt.Fprintf(stderr, "asynclint: unknown --format %q (want text, json, sarif or github)\n", cf.format)
		return 2
	}
	if cf.diff && cf.format != "text" {
		fmt.Fprintf(stderr, "asynclint: --diff prints a unified diff and cannot be combined with --format %s\n", cf.format)
		return 2
	}
	cfg, err := loadConfig(cf, paths)
	if err != nil {
		fmt.Fprintf(stderr, "asynclint: %v\n", err)
		return 2
	}
	if err := asyncir.Validate(driver.Analyzers()); err != nil {
		fmt.Fprintf(stderr, "asynclint: internal error: %v\n", err)
		return 2
	}
	if cf.cpuProfile != "" {
		stop, err := startProfile(cf.cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "asynclint: %v\n", err)
			return 2
		}
		defer stop()
	}
	if cf.execTrace != "" {
		stop, err := startTrace(cf.execTrace)
		if err != nil {
			fmt.Fprintf(stderr, "asynclint: %v\n", err)
			return 2
		}
		defer stop()
	}
	res, err := driver.Run(driver.Options{Paths: paths, Config: cfg, ParseOnly: cf.parseOnly, Strict: true, Join: join, Cache: resultCache(cf, cfg)})
	if err != nil {
		fmt.Fprintf(stderr, "asynclint: %v\n", err)
		return 2
	}
	if cf.memProfile != "" {
		if err := writeHeapProfile(cf.memProfile); err != nil {
			fmt.Fprintf(stderr, "asynclint: %v\n", err)
			return 2
		}
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "asynclint: warning: %s\n", w)
	}
	shown := cfg.ShownSeverity()
	if cf.addNoqa {
		return addNoqa(res, shown, stdout, stderr)
	}
	if cf.fixFlags.enabled() {
		remaining, code, done := applyFixes(cf.fixFlags, driver.Options{Paths: paths, Config: cfg}, shown, atLeast(res.Diagnostics, shown), stdout, stderr)
		if done {
			return code
		}
		res.Diagnostics = remaining
	}
	hidden := len(res.Diagnostics)
	res.Diagnostics = atLeast(res.Diagnostics, shown)
	hidden -= len(res.Diagnostics)
	if err := writeReport(cf, res.Diagnostics, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "asynclint: writing output: %v\n", err)
		return 2
	}
	if cf.stats {
		fmt.Fprintf(stderr, "asynclint: %d files (%d lowered), %d lines, %d diagnostics (%d below %s not shown) in %v\n", res.Files, res.Lowered, res.Lines, len(res.Diagnostics), hidden, shown, res.Elapsed.Round(1e6))
		if res.Cached > 0 {
			fmt.Fprintf(stderr, "asynclint: findings of %d unchanged files from the cache\n", res.Cached)
		}
		if res.Python != "" {
			fmt.Fprintf(stderr, "asynclint: environment of %s: %d installed files read\n", res.Python, res.LibraryFiles)
		}
	}
	for _, e := range res.Errors {
		fmt.Fprintf(stderr, "asynclint: error: %s\n", e)
	}
	if len(res.Errors) > 0 {
		return 2
	}
	if len(res.Diagnostics) > 0 && !cf.exitZero {
		return 1
	}
	return 0
}

// resultCache is the cache a check uses, or nil: --no-cache, and
// --add-noqa (which edits files by the analysed program, which a cached
// run does not have), use none.
func resultCache(cf checkFlags, cfg *config.Config) *cache.Cache {
	if cf.noCache || cf.addNoqa {
		return nil
	}
	dir := cf.cacheDir
	if dir == "" {
		root := cfg.Root
		if cfg.Path == "" {
			root = ""
		}
		dir = cache.ProjectDir(cfg.CacheDir, root)
	}
	return cache.Open(dir)
}

// writeReport renders the diagnostics in the chosen format to stdout, or
// to --output-file (created or truncated; written whole or not at all).
func writeReport(cf checkFlags, diags []asyncir.Diagnostic, stdout, stderr io.Writer) error {
	dst := stdout
	var buf bytes.Buffer
	if cf.outputFile != "" {
		dst = &buf
	}
	// The text formats write a line at a time: unbuffered, that is a
	// system call per line, a second for a generated module's 27k
	// findings.
	w := bufio.NewWriterSize(dst, 64<<10)
	var err error
	switch cf.format {
	case "json":
		err = output.JSON(w, diags)
	case "sarif":
		err = output.SARIF(w, diags, sarifTool())
	case "github":
		err = output.GitHub(w, diags, os.ReadFile)
	default:
		err = output.Text(w, diags)
	}
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if cf.format == "text" {
		hintFixable(stderr, diags)
	}
	if err != nil || cf.outputFile == "" {
		return err
	}
	return os.WriteFile(cf.outputFile, buf.Bytes(), 0o644)
}

// loadConfig finds pyproject.toml and lays the flags over it.
func loadConfig(cf checkFlags, paths []string) (*config.Config, error) {
	cfg := &config.Config{}
	path := cf.configPath
	if path == "" && !cf.noConfig {
		path = config.Find(paths[0])
	}
	if path != "" {
		c, err := loadConfigFile(path)
		if err != nil {
			return nil, err
		}
		cfg = c
	}
	if cf.selectCodes != "" {
		codes, err := codeList(cf.selectCodes, "--select")
		if err != nil {
			return nil, err
		}
		cfg.Select = codes
	}
	if cf.ignoreCodes != "" {
		codes, err := codeList(cf.ignoreCodes, "--ignore")
		if err != nil {
			return nil, err
		}
		cfg.Ignore = append(cfg.Ignore, codes...)
	}
	if cf.python != "" {
		cfg.Python = cf.python
	}
	if cf.minSeverity != "" {
		sev, ok := asyncir.ParseSeverity(cf.minSeverity)
		if !ok {
			return nil, fmt.Errorf("--min-severity %q is not one of info, warning, error", cf.minSeverity)
		}
		cfg.MinSeverity = &sev
	}
	if cf.allSites {
		cfg.AllSites = true
	}
	if cf.target != "" {
		v, ok := asyncir.ParseVersion(cf.target)
		if !ok {
			return nil, fmt.Errorf("--target-version %q is not one of 3.8 … 3.14", cf.target)
		}
		cfg.TargetVersion = v
	}
	if cf.maxFileSize < 0 {
		return nil, fmt.Errorf("--max-file-size must be a positive number of bytes")
	}
	if cf.maxFileSize > 0 {
		cfg.MaxFileSize = cf.maxFileSize
	}
	return cfg, nil
}

func codeList(s, flagName string) ([]string, error) {
	var out []string
	for _, c := range strings.Split(s, ",") {
		c = strings.ToUpper(strings.TrimSpace(c))
		if c == "" {
			continue
		}
		if !isCodePrefix(c) {
			return nil, fmt.Errorf("%s: %q is not a rule code or prefix (like AL101 or AL1)", flagName, c)
		}
		if !driver.KnownCode(c) {
			return nil, fmt.Errorf("%s: %s is not the code or prefix of any rule (asynclint rules lists them)", flagName, c)
		}
		out = append(out, c)
	}
	return out, nil
}

func isCodePrefix(c string) bool {
	if c == "ALL" {
		return true
	}
	if !strings.HasPrefix(c, "AL") || len(c) > 5 {
		return false
	}
	for _, r := range c[2:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// atLeast keeps the diagnostics of severity min or higher: what check
// shows, in every format, and what decides its exit code.
// loadConfigFile reads a configuration and checks the codes it names.
func loadConfigFile(path string) (*config.Config, error) {
	cfg, err := config.Load(path)
	if err != nil {
		return nil, err
	}
	if err := cfg.CheckCodes(driver.KnownCode); err != nil {
		return nil, err
	}
	return cfg, nil
}

func atLeast(diags []asyncir.Diagnostic, min asyncir.Severity) []asyncir.Diagnostic {
	out := diags[:0]
	for _, d := range diags {
		if d.Severity >= min {
			out = append(out, d)
		}
	}
	return out
}

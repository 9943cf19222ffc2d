package config

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// loadPolicy validates and stores the settings of the severity policy:
// test-files, blocking-tiers and min-severity.
func loadPolicy(cfg *Config, testFiles *[]string, tiers map[string]string, minSeverity string, data []byte) error {
	if testFiles != nil {
		cfg.TestFiles = []string{}
		for _, pat := range *testFiles {
			if _, err := filepath.Match(pat, "x"); err != nil {
				return &Error{Path: cfg.Path, Line: lineOfValue(data, pat), Msg: fmt.Sprintf("bad pattern %q in test-files", pat)}
			}
			cfg.TestFiles = append(cfg.TestFiles, pat)
		}
	}
	names := make([]string, 0, len(tiers))
	for name := range tiers {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		tier, ok := asyncir.ParseBlockTier(name)
		if !ok {
			return &Error{Path: cfg.Path, Line: lineOf(data, "blocking-tiers"), Msg: fmt.Sprintf("blocking-tiers: unknown tier %q (want waiting, data or metadata)", name)}
		}
		sev, ok := asyncir.ParseSeverity(tiers[name])
		if !ok {
			return &Error{Path: cfg.Path, Line: lineOf(data, "blocking-tiers"), Msg: fmt.Sprintf("blocking-tiers: %s = %q is not a severity (want info, warning or error)", name, tiers[name])}
		}
		if cfg.BlockingTiers == nil {
			cfg.BlockingTiers = map[asyncir.BlockTier]asyncir.Severity{}
		}
		cfg.BlockingTiers[tier] = sev
	}
	if minSeverity != "" {
		sev, ok := asyncir.ParseSeverity(minSeverity)
		if !ok {
			return &Error{Path: cfg.Path, Line: lineOf(data, "min-severity"), Msg: fmt.Sprintf("min-severity %q is not a severity (want info, warning or error)", minSeverity)}
		}
		cfg.MinSeverity = &sev
	}
	return nil
}

// IsTestFile reports whether path belongs to the test profile.
func (c *Config) IsTestFile(path string) bool {
	pats := DefaultTestFiles
	if c != nil && c.TestFiles != nil {
		pats = c.TestFiles
	}
	if len(pats) == 0 {
		return false
	}
	if c == nil {
		c = &Config{}
	}
	rel := c.rel(path)
	for _, p := range pats {
		// "tests/**" is the same as "tests": a directory covers its files.
		if matchPath(strings.TrimSuffix(p, "/**"), rel) {
			return true
		}
	}
	return false
}

// ShownSeverity is the least severity check shows.
func (c *Config) ShownSeverity() asyncir.Severity {
	if c == nil || c.MinSeverity == nil {
		return asyncir.SeverityWarning
	}
	return *c.MinSeverity
}

// lineOfValue is the line of a quoted TOML string value, so a pattern
// like "[" is not found in a table header.
func lineOfValue(data []byte, v string) int {
	for _, q := range []string{`"` + v + `"`, "'" + v + "'"} {
		if l := lineOf(data, q); l > 0 {
			return l
		}
	}
	return lineOf(data, v)
}

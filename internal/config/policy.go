package config

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// loadPolicy validates and stores the settings of the severity policy:
// test-files, example-files, blocking-tiers and min-severity.
func loadPolicy(cfg *Config, testFiles, exampleFiles *[]string, tiers map[string]string, minSeverity string, data []byte) error {
	var err error
	if cfg.TestFiles, err = loadPatterns(cfg, testFiles, "test-files", data); err != nil {
		return err
	}
	if cfg.ExampleFiles, err = loadPatterns(cfg, exampleFiles, "example-files", data); err != nil {
		return err
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

// loadPatterns validates the file patterns of a profile setting; nil
// when the setting is absent (the defaults apply).
func loadPatterns(cfg *Config, pats *[]string, key string, data []byte) ([]string, error) {
	if pats == nil {
		return nil, nil
	}
	out := []string{}
	for _, pat := range *pats {
		if _, err := filepath.Match(pat, "x"); err != nil {
			return nil, &Error{Path: cfg.Path, Line: lineOfValue(data, pat), Msg: fmt.Sprintf("bad pattern %q in %s", pat, key)}
		}
		out = append(out, pat)
	}
	return out, nil
}

// IsTestFile reports whether path belongs to the test profile.
func (c *Config) IsTestFile(path string) bool {
	if c != nil && c.TestFiles != nil {
		return c.inProfile(c.TestFiles, path)
	}
	return c.inProfile(DefaultTestFiles, path)
}

// IsExampleFile reports whether path belongs to the example profile.
func (c *Config) IsExampleFile(path string) bool {
	if c != nil && c.ExampleFiles != nil {
		return c.inProfile(c.ExampleFiles, path)
	}
	return c.inProfile(DefaultExampleFiles, path)
}

// inProfile reports whether path matches one of a profile's patterns.
func (c *Config) inProfile(pats []string, path string) bool {
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

package policy

import (
	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/internal/config"
)

// Policy is the severity policy of one run.
type Policy struct {
	tiers map[asyncir.BlockTier]asyncir.Severity
	cfg   *config.Config
	// tests and examples cache config.IsTestFile and IsExampleFile per
	// file.
	tests, examples map[string]bool
}

// New builds the policy of cfg (nil: the defaults).
func New(cfg *config.Config) *Policy {
	p := &Policy{tiers: map[asyncir.BlockTier]asyncir.Severity{}, cfg: cfg, tests: map[string]bool{}, examples: map[string]bool{}}
	for t, s := range tierSeverity {
		p.tiers[t] = s
	}
	if cfg != nil {
		for t, s := range cfg.BlockingTiers {
			p.tiers[t] = s
		}
	}
	return p
}

// Severities sets the severity of each finding. It starts from the one
// the analyzer reported (the rule's default, or its severity on the
// target version); then the blocking tier decides for blocking findings,
// a fact tag lowers it, and the test and example profiles cap it at info.
func (p *Policy) Severities(diags []asyncir.Diagnostic) {
	for i := range diags {
		diags[i].Severity = p.severity(&diags[i])
	}
}

func (p *Policy) severity(d *asyncir.Diagnostic) asyncir.Severity {
	sev := d.Severity
	tiered := tieredCodes[d.Code] && d.Tier != asyncir.TierNone
	if tiered {
		sev = p.tiers[d.Tier]
	}
	if s, ok := factSeverity[d.Fact]; ok {
		sev = min(sev, s)
	}
	if (testInfoCodes[d.Code] || testInfoFacts[d.Fact] || tiered && testInfoTiers[d.Tier]) && p.isTest(d.Range.File) {
		sev = min(sev, asyncir.SeverityInfo)
	}
	if exampleInfoCodes[d.Code] && p.isExample(d.Range.File) {
		sev = min(sev, asyncir.SeverityInfo)
	}
	return sev
}

func (p *Policy) isTest(path string) bool {
	return cached(p.tests, path, p.cfg.IsTestFile)
}

func (p *Policy) isExample(path string) bool {
	return cached(p.examples, path, p.cfg.IsExampleFile)
}

// cached is is(path), computed once per path.
func cached(memo map[string]bool, path string, is func(string) bool) bool {
	t, ok := memo[path]
	if !ok {
		t = is(path)
		memo[path] = t
	}
	return t
}

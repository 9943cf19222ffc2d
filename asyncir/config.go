package asyncir

import (
	"strconv"
	"strings"
)

// Version is a Python version such as 3.11, as major*100+minor (311).
type Version int

// ParseVersion reads "3.11", "py311" or "311".
func ParseVersion(s string) (Version, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "py")
	a, b, ok := strings.Cut(s, ".")
	if !ok && len(s) >= 2 {
		a, b = s[:1], s[1:]
	}
	maj, err1 := strconv.Atoi(a)
	min, err2 := strconv.Atoi(b)
	if err1 != nil || err2 != nil || maj != 3 || min < 8 || min > 14 {
		return 0, false
	}
	return Version(maj*100 + min), true
}

func (v Version) String() string {
	return strconv.Itoa(int(v)/100) + "." + strconv.Itoa(int(v)%100)
}

// DefaultTargetVersion is used when neither flag nor pyproject names one.
const DefaultTargetVersion Version = 311

// Config is what analyzers may read of the user's configuration.
type Config struct {
	TargetVersion Version
	// Select and Ignore hold codes or code prefixes ("AL1", "AL101").
	Select, Ignore []string
	Models         *Models
}

// Enabled reports whether code is selected and not ignored; the longest
// matching prefix wins, as in ruff.
func (c *Config) Enabled(code string) bool {
	if c == nil {
		return true
	}
	sel := longestPrefix(c.Select, code)
	if len(c.Select) > 0 && sel < 0 {
		return false
	}
	return longestPrefix(c.Ignore, code) <= sel
}

func longestPrefix(prefixes []string, code string) int {
	best := -1
	for _, p := range prefixes {
		if p == "ALL" {
			p = ""
		}
		if strings.HasPrefix(code, p) && len(p) > best {
			best = len(p)
		}
	}
	return best
}

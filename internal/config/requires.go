package config

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// specifierClause is one PEP 440 version specifier clause.
var specifierClause = regexp.MustCompile(`^(~=|===|==|!=|<=|>=|<|>)\s*(\d+)(?:\.(\d+|\*))?(?:\.(?:\d+|\*))*(?:[-_.]?(?:a|b|rc|alpha|beta|c|pre|preview|post|rev|r|dev)\.?\d*)*(?:\+[A-Za-z0-9.]+)?$`)

// minVersion reads a requires-python specifier (PEP 440) and returns the
// target version its lower bound implies, clamped to the versions asynclint
// knows (3.8 … 3.14); ok is false when there is no lower bound (only "<4",
// say), and err is set when the specifier does not parse.
func minVersion(spec string) (v asyncir.Version, ok bool, err error) {
	for _, part := range strings.Split(spec, ",") {
		part = strings.TrimSpace(part)
		m := specifierClause.FindStringSubmatch(part)
		if m == nil {
			return 0, false, fmt.Errorf("%q is not a version specifier (like \">=3.10\")", part)
		}
		switch m[1] {
		case ">=", "~=", "==", "===", ">":
		default:
			continue
		}
		major, _ := strconv.Atoi(m[2])
		minor, _ := strconv.Atoi(m[3]) // "" or "*" → 0
		bound := asyncir.Version(major*100 + minor)
		if !ok || bound > v {
			v, ok = bound, true
		}
	}
	if ok {
		v = min(max(v, 308), 314)
	}
	return v, ok, nil
}

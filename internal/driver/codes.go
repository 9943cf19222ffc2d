package driver

import "strings"

// KnownCode reports whether code is "ALL" or the code or prefix of at
// least one rule of Analyzers.
func KnownCode(code string) bool {
	if code == "ALL" {
		return true
	}
	for _, a := range Analyzers() {
		for _, r := range a.Rules {
			if strings.HasPrefix(r.Code, code) {
				return true
			}
		}
	}
	return false
}

// Package policy decides how loud each finding is and how it is
// presented, between the analyzers and every driver (DESIGN.md, "Policy";
// RULES.md, "Severities and versions"). Analyzers report what they found:
// the code, the blocking tier of the call, a fact tag, the root cause of a
// transitive finding. The policy turns that into a severity from the
// tables in table.go, the file's profile (tests or not) and the
// configuration, and merges findings that share one root cause.
//
// Both steps are linear in the number of findings.
package policy

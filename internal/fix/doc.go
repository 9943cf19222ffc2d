// Package fix applies the fixes attached to diagnostics: it chooses one fix
// per diagnostic by applicability, resolves overlapping edits
// deterministically, re-parses every fixed file to drop fixes that would
// break its syntax, iterates until nothing more applies (ruff's --fix
// loop), and writes files atomically. Nothing here knows about a rule.
package fix

package driver

import "github.com/asynclint/asynclint/asyncir"

// coreDoc documents the codes the driver itself reports.
const coreDoc = `# Analyzer core

problems with the input rather than with async code

## AL001: syntax-error

### What it does
Reports a file that does not parse. asynclint still analyses the rest of
the file (tree-sitter recovers around the error), so other findings in it
remain valid; the error is reported once, at its first position.

### Why is this bad?
Python will refuse to import the file.

### Example
` + "```python" + `
async def f(:
` + "```" + `

### Use instead
Fix the syntax.

## AL002: unused-suppression

### What it does
Reports a "# noqa: AL…" or "# asynclint: ignore[AL…]" comment that names
an asynclint code which is not reported on that line, one that names a
code no rule has (AL999), and a comment that starts like an asynclint
directive but does not parse ("# asynclint: ignore AL101", without the
brackets): each silences nothing, and the message says which.

### Why is this bad?
Stale suppressions hide the next real finding on that line and mislead
readers about what the line does.

### Example
` + "```python" + `
await asyncio.sleep(1)  # noqa: AL101
` + "```" + `

### Use instead
` + "```python" + `
await asyncio.sleep(1)
` + "```" + `
`

// Core is the pseudo-analyzer of driver-level codes; it has no Run over
// the IR, the driver reports its codes itself.
var Core = &asyncir.Analyzer{
	Name: "core",
	Doc:  coreDoc,
	URL:  asyncir.DocsURL + "core",
	Rules: asyncir.AttachDocs(coreDoc, []*asyncir.Rule{
		{Code: "AL001", Name: "syntax-error", Summary: "the file does not parse", Severity: asyncir.SeverityError, Status: asyncir.StatusStable, Since: "0.1.0", Language: asyncir.Python},
		{Code: "AL002", Name: "unused-suppression", Summary: "a suppression comment that matches no diagnostic", Severity: asyncir.SeverityWarning, Status: asyncir.StatusStable, Since: "0.1.0", Language: asyncir.Python},
	}),
	Languages: []asyncir.Language{asyncir.Python},
	Run:       func(*asyncir.Pass) error { return nil },
}

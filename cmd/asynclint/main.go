// Command asynclint finds the bugs asynchronous code makes easy, in Python
// (asyncio) and Go.
//
//	asynclint check [flags] [paths...]   lint files and directories (default ".")
//	asynclint rules                      list every rule
//	asynclint explain AL101              print a rule's documentation
//	asynclint verify [paths...]         prove test expectations against the runtime
//	asynclint trace [flags] -- CMD...    run CMD (a test suite) recording the runtime, then check
//	asynclint lsp                        run the language server (stdio)
//	asynclint version
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/asynclint/asynclint/internal/verify"
)

const version = "0.1.0"

func main() {
	if vetMain(os.Args[1:]) {
		return
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `usage: asynclint <command> [arguments]

commands:
  check [flags] [paths...]   lint Python and Go files and directories (default ".")
  rules                      list every rule: code, name, family, severity, fix
  explain CODE               print the documentation of a rule
  lsp                        run the language server on stdin/stdout
  verify [paths...]          run the test cases under CPython / the Go runtime and
                             check every expectation against what the runtime reports
  trace [flags] [paths] -- command...
                             run the command (your test suite) with the runtime recorder,
                             then check the paths: findings the runtime saw are confirmed
  version                    print the version

Run "asynclint check -h" for the flags of check.
`

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "check":
		return check(args[1:], stdout, stderr)
	case "rules":
		return rules(args[1:], stdout, stderr)
	case "lsp":
		return lspCmd(args[1:], os.Stdin, stdout, stderr)
	case "trace":
		return traceCmd(args[1:], os.Stdin, stdout, stderr)
	case "verify":
		return verify.Main(args[1:], stdout, stderr)
	case "explain":
		return explain(args[1:], stdout, stderr)
	case "version", "--version", "-V":
		fmt.Fprintln(stdout, "asynclint", version)
		return 0
	case "help", "-h", "-help", "--help":
		// "go vet -vettool=asynclint -help" sends users to both
		// "asynclint help" and "asynclint -help".
		fmt.Fprint(stdout, usage)
		vetHelp(stdout)
		return 0
	}
	fmt.Fprintf(stderr, "asynclint: unknown command %q\n\n%s", args[0], usage)
	return 2
}

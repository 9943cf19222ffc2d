package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/asynclint/asynclint/internal/lsp"
)

// lspCmd runs the language server on stdin/stdout; logs go to stderr.
// The exit code is 0 after a clean shutdown/exit sequence, 1 otherwise,
// as the protocol asks. --no-cache keeps it from showing the result
// cache's findings before its own first check.
func lspCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	noCache := false
	for _, a := range args {
		switch a {
		case "--stdio": // the flag VS Code clients pass by default
		case "--no-cache":
			noCache = true
		default:
			fmt.Fprintf(stderr, "asynclint lsp: unexpected argument %q (the server speaks LSP on stdin/stdout; flags: --stdio, --no-cache)\n", a)
			return 2
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	srv := lsp.NewServer(lsp.Options{Version: version, Log: stderr, NoCache: noCache})
	if srv.Serve(ctx, stdin, stdout) {
		return 0
	}
	return 1
}

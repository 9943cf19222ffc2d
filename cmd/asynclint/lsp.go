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
// as the protocol asks.
func lspCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	for _, a := range args {
		if a != "--stdio" { // the flag VS Code clients pass by default
			fmt.Fprintf(stderr, "asynclint lsp: unexpected argument %q (the server speaks LSP on stdin/stdout)\n", a)
			return 2
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	srv := lsp.NewServer(lsp.Options{Version: version, Log: stderr})
	if srv.Serve(ctx, stdin, stdout) {
		return 0
	}
	return 1
}

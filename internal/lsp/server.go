package lsp

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"sync"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/asynclint/asynclint/internal/config"
)

// Options of a server.
type Options struct {
	Version string
	// Log receives the server's own log lines (stderr for `asynclint lsp`).
	Log io.Writer
	// MaxDocumentBytes is the largest document analysed; larger ones are
	// kept in sync but not analysed. 0 means 8 MiB.
	MaxDocumentBytes int
	// MaxMessageBytes is the largest JSON-RPC message read; larger ones
	// are skipped. 0 means 256 MiB.
	MaxMessageBytes int64
}

// Server is one editor session.
type Server struct {
	opts Options
	// notify sends a notification to the client.
	notify func(method string, params any) error
	// onExit closes the connection.
	onExit func()

	// The handler runs on jsonrpc2's read loop, one message at a time; the
	// worker analyses concurrently. mu guards everything below; pubMu keeps
	// one analysis's store-and-publish from interleaving with another's.
	mu       sync.Mutex
	pubMu    sync.Mutex
	index    *index
	root     string
	cfg      *config.Config
	docs     map[string]*document // by path
	pending  map[string]bool      // paths queued for the worker
	wake     chan struct{}
	shutdown bool
	exited   bool
}

// NewServer returns a server that is not yet connected; Serve connects it.
func NewServer(opts Options) *Server {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.MaxDocumentBytes == 0 {
		opts.MaxDocumentBytes = 8 << 20
	}
	if opts.MaxMessageBytes == 0 {
		opts.MaxMessageBytes = 256 << 20
	}
	return &Server{opts: opts, index: newIndex(), cfg: &config.Config{AllSites: true}, docs: map[string]*document{},
		pending: map[string]bool{}, wake: make(chan struct{}, 1),
		notify: func(string, any) error { return nil }, onExit: func() {}}
}

type stdio struct {
	io.Reader
	io.Writer
}

func (stdio) Close() error { return nil }

// Serve speaks LSP over r and w until the client exits or the stream
// ends. It reports whether the session ended cleanly (shutdown, then
// exit), which decides the process's exit code.
func (s *Server) Serve(ctx context.Context, r io.Reader, w io.Writer) bool {
	stream := jsonrpc2.NewBufferedStream(stdio{r, w}, codec{log: s.opts.Log, maxBytes: s.opts.MaxMessageBytes})
	conn := jsonrpc2.NewConn(ctx, stream, jsonrpc2.HandlerWithError(s.handle).SuppressErrClosed(),
		jsonrpc2.SetLogger(log.New(s.opts.Log, "asynclint lsp: ", 0)))
	s.notify = func(method string, params any) error { return conn.Notify(ctx, method, params) }
	s.onExit = func() { conn.Close() }
	wctx, stopWorker := context.WithCancel(ctx)
	defer stopWorker()
	go s.worker(wctx)
	select {
	case <-conn.DisconnectNotify():
	case <-ctx.Done():
		conn.Close()
	}
	return s.shutdown && s.exited
}

// handle dispatches one message. A panic becomes an internal error reply
// (or a log line for a notification): a bug in one analysis must not take
// the editor's server down.
func (s *Server) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (result any, err error) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(s.opts.Log, "asynclint lsp: internal error in %s: %v\n", req.Method, r)
			result, err = nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInternalError, Message: fmt.Sprintf("internal error: %v", r)}
		}
	}()
	if s.shutdown && req.Method != "exit" {
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidRequest, Message: "server is shut down"}
	}
	bad := func(err error) error {
		return &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: req.Method + ": " + err.Error()}
	}
	switch req.Method {
	case "initialize":
		var p InitializeParams
		if err := unmarshalParams(req.Params, &p); err != nil {
			return nil, bad(err)
		}
		return s.initialize(p), nil
	case "initialized":
		s.scanWorkspace()
		return nil, nil
	case "shutdown":
		s.shutdown = true
		return nil, nil
	case "exit":
		s.exited = true
		s.onExit()
		return nil, nil
	case "textDocument/didOpen":
		var p DidOpenTextDocumentParams
		if err := unmarshalParams(req.Params, &p); err != nil {
			return nil, bad(err)
		}
		return nil, s.didOpen(p)
	case "textDocument/didChange":
		var p DidChangeTextDocumentParams
		if err := unmarshalParams(req.Params, &p); err != nil {
			return nil, bad(err)
		}
		return nil, s.didChange(p)
	case "textDocument/didSave":
		var p DidSaveTextDocumentParams
		if err := unmarshalParams(req.Params, &p); err != nil {
			return nil, bad(err)
		}
		return nil, s.didSave(p)
	case "textDocument/didClose":
		var p DidCloseTextDocumentParams
		if err := unmarshalParams(req.Params, &p); err != nil {
			return nil, bad(err)
		}
		return nil, s.didClose(p)
	case "textDocument/codeAction":
		var p CodeActionParams
		if err := unmarshalParams(req.Params, &p); err != nil {
			return nil, bad(err)
		}
		return s.codeAction(p), nil
	}
	if req.Notif {
		return nil, nil // unknown notifications ($/cancelRequest, …) are ignored
	}
	return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeMethodNotFound, Message: "method not supported: " + req.Method}
}

func (s *Server) initialize(p InitializeParams) InitializeResult {
	root := ""
	switch {
	case p.RootURI != "":
		root, _ = uriToPath(p.RootURI)
	case len(p.WorkspaceFolders) > 0:
		root, _ = uriToPath(p.WorkspaceFolders[0].URI)
	case p.RootPath != "":
		root = p.RootPath
	}
	s.mu.Lock()
	s.root = root
	s.mu.Unlock()
	if root != "" {
		if path := config.Find(root); path != "" {
			if cfg, err := config.Load(path); err == nil {
				// Every call site of a shared blocking helper is a
				// diagnostic in its own file: an edit re-checks a file
				// and what imports it, which need not reach every site
				// of a root, and the user reads the file they edit.
				cfg.AllSites = true
				s.mu.Lock()
				s.cfg = cfg
				s.mu.Unlock()
			} else {
				s.logMessage(1, fmt.Sprintf("asynclint: %v; using the default configuration", err))
			}
		}
	}
	return InitializeResult{
		Capabilities: ServerCapabilities{
			PositionEncoding:   "utf-16",
			TextDocumentSync:   TextDocumentSyncOptions{OpenClose: true, Change: syncIncremental, Save: SaveOptions{IncludeText: false}},
			CodeActionProvider: CodeActionOptions{CodeActionKinds: []string{"quickfix", fixAllKind}},
		},
		ServerInfo: ServerInfo{Name: "asynclint", Version: s.opts.Version},
	}
}

// logMessage sends window/logMessage (type 1 error … 4 log).
func (s *Server) logMessage(typ int, msg string) {
	if err := s.notify("window/logMessage", LogMessageParams{Type: typ, Message: msg}); err != nil {
		fmt.Fprintf(s.opts.Log, "asynclint lsp: %s\n", msg)
	}
}

func (s *Server) didOpen(p DidOpenTextDocumentParams) error {
	path, err := uriToPath(p.TextDocument.URI)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.docs[path] = newDocument(p.TextDocument.URI, path, p.TextDocument.Version, []byte(p.TextDocument.Text))
	s.queue(path)
	return nil
}

func (s *Server) didChange(p DidChangeTextDocumentParams) error {
	path, err := uriToPath(p.TextDocument.URI)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[path]
	if d == nil {
		return fmt.Errorf("didChange for %s, which is not open", p.TextDocument.URI)
	}
	for _, c := range p.ContentChanges {
		d.apply(c)
	}
	d.version = p.TextDocument.Version
	s.queue(path)
	return nil
}

func (s *Server) didSave(p DidSaveTextDocumentParams) error {
	path, err := uriToPath(p.TextDocument.URI)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if d := s.docs[path]; d != nil && p.Text != nil {
		d.apply(TextDocumentContentChangeEvent{Text: *p.Text})
	}
	s.queue(path)
	return nil
}

func (s *Server) didClose(p DidCloseTextDocumentParams) error {
	path, err := uriToPath(p.TextDocument.URI)
	if err != nil {
		return err
	}
	s.mu.Lock()
	delete(s.docs, path)
	// The file on disk may differ from the closed buffer: re-check its
	// dependents against the disk, and clear its own diagnostics, as the
	// editor no longer shows the buffer.
	if _, err := os.Stat(path); err == nil {
		s.queue(s.index.dependents(path)...)
	} else {
		s.index.forget(path)
	}
	s.mu.Unlock()
	s.send(PublishDiagnosticsParams{URI: p.TextDocument.URI, Diagnostics: []Diagnostic{}})
	return nil
}

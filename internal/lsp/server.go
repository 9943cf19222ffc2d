package lsp

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"sync"
	"sync/atomic"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/asynclint/asynclint/internal/config"
	"github.com/asynclint/asynclint/internal/driver"
	"github.com/asynclint/asynclint/pyfront"
)

// Options of a server.
type Options struct {
	Version string
	// Log receives the server's own log lines (stderr for `asynclint lsp`).
	Log io.Writer
	// MaxDocumentBytes is the largest document analysed; larger ones are
	// kept in sync but not analysed. 0 means the configuration's
	// max-file-size, which also bounds the files the workspace scan reads.
	MaxDocumentBytes int64
	// MaxMessageBytes is the largest JSON-RPC message read; larger ones
	// are skipped. 0 means 256 MiB.
	MaxMessageBytes int64
	// NoCache stops the server reading the result cache (stored.go).
	NoCache bool
}

// treeCacheBytes bounds the syntax trees kept between checks: about ten
// times the source they come from, so some 25 MB of Python.
const treeCacheBytes = 256 << 20

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
	mu      sync.Mutex
	pubMu   sync.Mutex
	index   *index
	root    string
	cfg     *config.Config
	docs    map[string]*document // by path
	pending map[string]bool      // paths queued for the worker
	wake    chan struct{}
	// trees keeps the syntax trees of unchanged files between checks.
	trees *pyfront.TreeCache
	// session keeps the last full check's modules, lowered and linked, for
	// paths (sorted) under cfg: an edit of an open document re-checks that
	// module alone (incremental.go). Only a check, under checkMu, uses
	// it; closing a document drops it.
	session      *pyfront.Session
	sessionPaths []string
	sessionCfg   *config.Config
	// checkMu lets one check run at a time (the worker's, or a code
	// action's that cannot wait for the worker): they share the session.
	// checksWaiting counts the checks waiting for it, which stop the
	// open dependents' analysis as a new edit does.
	checkMu       sync.Mutex
	checksWaiting atomic.Int32
	// stored are the result cache's findings by path (stored.go), loaded
	// by the first check.
	stored       map[string]driver.Stored
	storedLoaded bool
	// runtime is the workspace's `asynclint trace` record (runtime.go).
	runtime runtimeRecord
	// initialized is set by the first initialize request; the handler
	// alone reads and writes it and the two flags below.
	initialized bool
	shutdown    bool
	exited      bool
}

// NewServer returns a server that is not yet connected; Serve connects it.
func NewServer(opts Options) *Server {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.MaxMessageBytes == 0 {
		opts.MaxMessageBytes = 256 << 20
	}
	return &Server{opts: opts, index: newIndex(), trees: pyfront.NewTreeCache(treeCacheBytes), cfg: &config.Config{AllSites: true}, docs: map[string]*document{},
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
	cd := &codec{log: s.opts.Log, maxBytes: s.opts.MaxMessageBytes}
	stream := jsonrpc2.NewBufferedStream(stdio{r, w}, cd)
	cd.reply = func(obj any) {
		if err := stream.WriteObject(obj); err != nil {
			fmt.Fprintf(s.opts.Log, "asynclint lsp: writing an error response: %v\n", err)
		}
	}
	// The connection reads as soon as it exists, and notify and onExit
	// need it: the handler waits until they are set.
	ready := make(chan struct{})
	handle := func(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
		<-ready
		return s.handle(ctx, conn, req)
	}
	conn := jsonrpc2.NewConn(ctx, stream, jsonrpc2.HandlerWithError(handle).SuppressErrClosed(),
		jsonrpc2.SetLogger(log.New(s.opts.Log, "asynclint lsp: ", 0)))
	s.notify = func(method string, params any) error { return conn.Notify(ctx, method, params) }
	s.onExit = func() { conn.Close() }
	close(ready)
	tuneGC()
	wctx, stopWorker := context.WithCancel(ctx)
	defer stopWorker()
	go s.worker(wctx)
	go s.watchRuntimeRecord(wctx)
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
	if err := s.lifecycle(req); err != nil {
		if req.Notif {
			fmt.Fprintf(s.opts.Log, "asynclint lsp: %s ignored: %s\n", req.Method, err.Message)
			return nil, nil
		}
		return nil, err
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
		s.initialized = true
		return s.initialize(p), nil
	case "initialized":
		go s.scanWorkspace()
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

// codeServerNotInitialized is LSP's error for a request before initialize.
const codeServerNotInitialized = -32002

// lifecycle refuses what the protocol's state does not allow: anything
// but initialize and exit before initialize, a second initialize, and
// anything but exit after shutdown.
func (s *Server) lifecycle(req *jsonrpc2.Request) *jsonrpc2.Error {
	switch {
	case req.Method == "exit":
		return nil
	case s.shutdown:
		return &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidRequest, Message: "server is shut down"}
	case req.Method == "initialize" && s.initialized:
		return &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidRequest, Message: "initialize was already received"}
	case req.Method != "initialize" && !s.initialized:
		return &jsonrpc2.Error{Code: codeServerNotInitialized, Message: "server not initialized: " + req.Method + " before initialize"}
	}
	return nil
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
			cfg, err := config.Load(path)
			if err == nil {
				err = cfg.CheckCodes(driver.KnownCode)
			}
			if err == nil {
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
			TextDocumentSync:   TextDocumentSyncOptions{OpenClose: true, Change: syncIncremental, Save: SaveOptions{IncludeText: true}},
			CodeActionProvider: CodeActionOptions{CodeActionKinds: []string{"quickfix", fixAllKind}},
		},
		ServerInfo: ServerInfo{Name: "asynclint", Version: s.opts.Version},
	}
}

// maxDocumentBytes is the size above which a document is not analysed.
// The caller holds s.mu.
func (s *Server) maxDocumentBytes() int64 {
	if s.opts.MaxDocumentBytes > 0 {
		return s.opts.MaxDocumentBytes
	}
	return s.cfg.MaxFileBytes()
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
	d := s.docs[path]
	if d == nil {
		s.mu.Unlock()
		return fmt.Errorf("didChange for %s, which is not open", p.TextDocument.URI)
	}
	var bad error
	for _, c := range p.ContentChanges {
		if err := d.apply(c); err != nil && bad == nil {
			d.lost = true
			bad = err
		}
	}
	d.version = p.TextDocument.Version
	if bad != nil {
		// Said before the cleared diagnostics are queued, so the user
		// reads why they vanished first.
		s.mu.Unlock()
		s.showMessage(1, fmt.Sprintf("asynclint: an edit of %s (version %d) does not fit the server's copy: %v; "+
			"diagnostics for this file are paused until its whole text arrives again (save or reopen it)", p.TextDocument.URI, p.TextDocument.Version, bad))
		s.mu.Lock()
	}
	s.queue(path)
	s.mu.Unlock()
	if bad != nil {
		return fmt.Errorf("didChange for %s: %v", p.TextDocument.URI, bad)
	}
	return nil
}

// showMessage sends window/showMessage (type 1 error … 4 log).
func (s *Server) showMessage(typ int, msg string) {
	if err := s.notify("window/showMessage", LogMessageParams{Type: typ, Message: msg}); err != nil {
		fmt.Fprintf(s.opts.Log, "asynclint lsp: %s\n", msg)
	}
}

func (s *Server) didSave(p DidSaveTextDocumentParams) error {
	path, err := uriToPath(p.TextDocument.URI)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if d := s.docs[path]; d != nil {
		// The saved text is the buffer's; it resynchronises a lost copy.
		switch {
		case p.Text != nil:
			d.replace([]byte(*p.Text))
		case d.lost:
			if b, err := os.ReadFile(path); err == nil {
				d.replace(b)
			}
		}
	}
	s.queueSaved(path)
	return nil
}

func (s *Server) didClose(p DidCloseTextDocumentParams) error {
	path, err := uriToPath(p.TextDocument.URI)
	if err != nil {
		return err
	}
	s.mu.Lock()
	delete(s.docs, path)
	s.session = nil // it holds the buffer's text, not the file's
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

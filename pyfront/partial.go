package pyfront

// splitFor cuts a project module the fast path lowers lazily into its
// statements (filesplit.go), or returns nil to parse it whole: a library
// module (libsplit.go splits those), a run that parses everything or
// keeps trees for the next one (the language server), or a text that
// does not scan.
func (p *parserPool) splitFor(s *source, opts Options) *fileSplit {
	if s.library || opts.ParseOnly || opts.Eager || opts.Trees != nil || !s.onDemand {
		return nil
	}
	return splitFile(s.src)
}

// eagerFor says which definitions of a split module are parsed and
// lowered at once: none of a helper module's, whose definitions the
// helper walk asks for.
func (p *parserPool) eagerFor(s *source, fs *fileSplit) func(*segment) bool {
	return func(*segment) bool { return false }
}

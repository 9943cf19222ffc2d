package pyfront

// The string literals of the Go parser (gparse.go): a string node holds
// string_start (prefix and quotes), runs of string_content with their
// escape sequences (and an f-string's doubled braces), an f-string's
// replacement fields (interpolation), and string_end.

// strings: one string, or adjacent ones (concatenated_string).
func (p *gparser) strings() int32 {
	s := p.stringNode()
	if p.tok != rString {
		return s
	}
	c := p.wrap(kConcatString, s, fNone)
	for p.tok == rString && !p.failed {
		p.add(c, p.stringNode(), fNone)
	}
	return c
}

// stringNode builds the current string token.
func (p *gparser) stringNode() int32 {
	src := p.src
	ts, te := p.ts, p.te
	// Tree-sitter's scanner reads a line continuation before a string
	// as the space before it: no node.
	if n := len(p.extras); n > 0 && !p.extras[n-1].comment && onlySpace(src[p.extras[n-1].end:ts]) {
		p.extras = p.extras[:n-1]
	}
	k := ts
	raw, fstr, bytesLit := false, false, false
	for src[k] != '\'' && src[k] != '"' {
		switch src[k] | 0x20 {
		case 'r':
			raw = true
		case 'f':
			fstr = true
		case 'b':
			bytesLit = true
		}
		k++
	}
	q := 1
	if te-k >= 6 && src[k+1] == src[k] && src[k+2] == src[k] {
		q = 3
	}
	body, bodyEnd := k+q, te-q
	s := p.open(kString, true)
	p.add(s, p.leaf(kOther, true, ts, body), fNone) // string_start
	if raw && onlyEscaped(src[body:bodyEnd], src[k]) {
		// The scanner's content token needs a character not stepped
		// over after a backslash; without one, string_end takes it all.
		if fstr {
			return p.fail()
		}
		bodyEnd = body
	}

	if !p.stringBody(s, src[k], body, bodyEnd, raw, fstr, bytesLit, 0) {
		return p.fail()
	}
	p.add(s, p.leaf(kOther, true, bodyEnd, te), fNone) // string_end
	p.next()
	return s
}

// stringBody appends to s the text [from, to) of a string: runs of
// literal text (string_content, with their escape sequences and doubled
// braces) and an f-string's replacement fields (interpolation). In a
// format spec (spec > 0) the literal text makes no node.
func (p *gparser) stringBody(s int32, q byte, from, to int, raw, fstr, bytesLit bool, spec int) bool {
	src := p.src
	run := int32(-1) // the string_content being read
	closeRun := func(at int) {
		if run >= 0 {
			p.nodes[run].end = int32(at)
			p.add(s, run, fNone)
			run = -1
		}
	}
	for k := from; k < to; k++ {
		if run < 0 && spec == 0 && (!fstr || src[k] != '{' || k+1 < to && src[k+1] == '{') {
			if fstr && raw && !rawContentBeforeBrace(src[k:to], q) {
				// The scanner's content token needs a character it
				// does not step over before a brace: without one, not
				// followed here.
				return false
			}
			run = p.leaf(kOther, true, k, k) // string_content
		}
		switch src[k] {
		case '\\':
			if spec > 0 {
				return false
			}
			if raw {
				if k+1 < to && (src[k+1] == q || src[k+1] == '\\') {
					k++ // a quote after a backslash does not end a raw string
				}
				continue
			}
			if bytesLit && k+1 < to && (src[k+1] == 'N' || src[k+1] == 'u' || src[k+1] == 'U') {
				// No escape in bytes: the scanner reads it as content,
				// or not, by where its token started.
				return false
			}
			if n := escapeLen(src[k:to]); n > 0 {
				p.addChild(run, p.leaf(kOther, true, k, k+n))
				k += n - 1
			} else {
				// A backslash that escapes nothing is a token of its own.
				p.addChild(run, p.leaf(kOther, false, k, k+1))
			}
		case '{', '}':
			if !fstr {
				continue
			}
			if spec == 0 && k+1 < to && src[k+1] == src[k] {
				p.addChild(run, p.leaf(kOther, true, k, k+2)) // escape_interpolation
				k++
				continue
			}
			if src[k] == '}' {
				return false
			}
			closeRun(k)
			e := p.interpolation(s, q, k, to, spec)
			if e < 0 {
				return false
			}
			k = e
		}
	}
	closeRun(to)
	return true
}

// interpolation appends to s the replacement field opened at k (a
// format_expression in a format spec) and returns the offset of its
// closing brace, or -1.
func (p *gparser) interpolation(s int32, q byte, k, to, spec int) int {
	f, ok := p.fieldBounds(q, k, to, spec)
	if !ok {
		return -1
	}
	i := p.open(kInterpolation, true)
	if spec > 0 {
		i = p.open(kOther, true) // format_expression
	}
	p.add(i, p.leaf(kOther, false, k, k+1), fNone) // "{"
	// The expression, read by a lexer of its own, joined as in brackets.
	saved := p.recogLexer
	p.recogLexer = recogLexer{src: p.src, pos: f.expr, end: f.code, depth: 1, base: 1, fnest: saved.fnest + 1, extras: saved.extras}
	p.next()
	var e int32
	if p.tok == rYield {
		e = p.yield()
	} else {
		e = p.expressions()
	}
	ended := p.tok == rEOF && !p.bad
	p.recogLexer = saved
	if e < 0 || !ended || p.failed {
		return -1
	}
	p.add(i, e, fExpression)
	if f.eq {
		p.add(i, p.leaf(kEq, false, f.code, f.code+1), fNone)
	}
	if f.conv > 0 {
		p.add(i, p.leaf(kOther, true, f.conv, f.conv+2), fOther) // type_conversion
	}
	if f.spec > 0 {
		fs := p.open(kOther, true) // format_specifier
		p.add(fs, p.leaf(kColon, false, f.spec-1, f.spec), fNone)
		if !p.stringBody(fs, q, f.spec, f.specEnd, false, true, false, spec+1) {
			return -1
		}
		// The spec's literal text, hidden tokens, is in the specifier.
		if f.specEnd > f.spec {
			p.nodes[fs].end = int32(f.specEnd)
		}
		p.add(i, fs, fOther)
	}
	p.add(i, p.leaf(kOther, false, f.close, f.close+1), fNone) // "}"
	p.add(s, i, fNone)
	return f.close
}

// addChild links c under n without changing n's extent (a leaf's
// children inside its own bytes).
func (p *gparser) addChild(n, c int32) {
	nd := &p.nodes[n]
	if nd.first < 0 {
		nd.first = c
	} else {
		p.nodes[nd.last].next = c
	}
	nd.last = c
}

// escapeLen is the length of the escape sequence at the start of t (a
// backslash), as tree-sitter's escape_sequence token reads it, or 0.
func escapeLen(t []byte) int {
	if len(t) < 2 {
		return 0
	}
	hex := func(n int) int {
		if len(t) < 2+n {
			return 0
		}
		for _, c := range t[2 : 2+n] {
			if !(c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'f') {
				return 0
			}
		}
		return 2 + n
	}
	switch c := t[1]; {
	case c == 'u':
		return hex(4)
	case c == 'U':
		return hex(8)
	case c == 'x':
		return hex(2)
	case c >= '0' && c <= '9':
		n := 2
		for n < 4 && n < len(t) && t[n] >= '0' && t[n] <= '9' {
			n++
		}
		return n
	case c == '\n':
		return 2
	case c == '\r':
		if len(t) > 2 && t[2] == '\n' {
			return 3
		}
		return 0
	case c == '\'' || c == '"' || c == '\\' || c == 'a' || c == 'b' || c == 'f' || c == 'r' || c == 'n' || c == 't' || c == 'v':
		return 2
	case c == 'N':
		if len(t) < 4 || t[2] != '{' || t[3] == '}' {
			return 0
		}
		for n := 3; n < len(t); n++ {
			if t[n] == '}' {
				return n + 1
			}
		}
	}
	return 0
}

// onlySpace: t holds only spaces and tabs and line breaks.
func onlySpace(t []byte) bool {
	for _, c := range t {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

// onlyEscaped: the raw string body t is all backslashes, each with the
// quote q, backslash or line break after it, as the scanner steps over
// them.
func onlyEscaped(t []byte, q byte) bool {
	for k := 0; k < len(t); k++ {
		if t[k] != '\\' {
			return false
		}
		if k+1 < len(t) && (t[k+1] == q || t[k+1] == '\\') {
			k++
		}
		for k+1 < len(t) && (t[k+1] == '\r' || t[k+1] == '\n') {
			k++
		}
	}
	return true
}

// rawContentBeforeBrace: the text t of a raw f-string has a character
// before its first brace (or end) that is not a backslash or the quote q
// or backslash a backslash steps over.
func rawContentBeforeBrace(t []byte, q byte) bool {
	for k := 0; k < len(t) && t[k] != '{' && t[k] != '}'; k++ {
		if t[k] != '\\' {
			return true
		}
		if k+1 < len(t) && (t[k+1] == q || t[k+1] == '\\') {
			k++
		}
	}
	return false
}

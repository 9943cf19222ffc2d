package pyfront

// The string literals of the Go parser (gparse.go): a string node holds
// string_start (prefix and quotes), string_content with its escape
// sequences (and an f-string's doubled braces), and string_end. An
// f-string with a replacement field is left to tree-sitter.

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
	if body < bodyEnd {
		c := p.leaf(kOther, true, body, bodyEnd) // string_content
		if !p.stringContent(c, body, bodyEnd, raw, fstr, bytesLit) {
			return p.fail()
		}
		p.add(s, c, fNone)
	}
	p.add(s, p.leaf(kOther, true, bodyEnd, te), fNone) // string_end
	p.next()
	return s
}

// stringContent adds the escape sequences (and doubled braces) of the
// text [from, to) to the string_content node c; false for a replacement
// field.
func (p *gparser) stringContent(c int32, from, to int, raw, fstr, bytesLit bool) bool {
	src := p.src
	for k := from; k < to; k++ {
		switch src[k] {
		case '\\':
			if raw {
				k++ // a quote after a backslash does not end a raw string
				continue
			}
			if bytesLit && k+1 < to && (src[k+1] == 'N' || src[k+1] == 'u' || src[k+1] == 'U') {
				k++ // no escape in bytes
				continue
			}
			if n := escapeLen(src[k:to]); n > 0 {
				p.addChild(c, p.leaf(kOther, true, k, k+n))
				k += n - 1
			}
		case '{', '}':
			if !fstr {
				continue
			}
			if k+1 >= to || src[k+1] != src[k] {
				return false
			}
			p.addChild(c, p.leaf(kOther, true, k, k+2)) // escape_interpolation
			k++
		}
	}
	return true
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

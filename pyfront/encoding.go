package pyfront

import (
	"bytes"
	"regexp"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/ianaindex"
)

// Source encodings (PEP 263). A file whose first or second line declares
// "# -*- coding: latin-1 -*-" is valid Python in that encoding; it is
// decoded to UTF-8 before parsing. Positions are then in the decoded text
// (columns count its UTF-8 bytes), which differs from the file's bytes
// wherever a non-ASCII character stands, so the module records its
// encoding and no fix is offered for it (a byte-offset edit could land in
// the middle of a character). A declaration that decoding would not
// change (an ASCII file, or a UTF-8 alias) is ignored.

// codingLine is PEP 263's regular expression.
var codingLine = regexp.MustCompile(`^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`)

// declaredEncoding returns the encoding named on the first two lines; the
// second counts only when the first is a comment or blank (as CPython's
// tokenizer reads it).
func declaredEncoding(src []byte) string {
	for i := 0; i < 2 && len(src) > 0; i++ {
		line := src
		if j := bytes.IndexByte(src, '\n'); j >= 0 {
			line, src = src[:j], src[j+1:]
		} else {
			src = nil
		}
		if m := codingLine.FindSubmatch(line); m != nil {
			return string(m[1])
		}
		if t := bytes.TrimLeft(line, " \t\f\r"); len(t) > 0 && t[0] != '#' {
			return ""
		}
	}
	return ""
}

// pythonEncoding maps a Python codec name to a decoder: Python's own
// spellings of the common single-byte codecs first (latin-1 is ISO 8859-1
// byte for byte, not the WHATWG's windows-1252), then the IANA registry.
// It returns nil for UTF-8 and for unknown names.
func pythonEncoding(name string) (encoding.Encoding, bool) {
	n := strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(name))
	switch n {
	case "utf_8", "utf8", "u8", "utf", "cp65001", "utf_8_sig":
		return nil, true
	case "latin_1", "latin1", "latin", "l1", "iso_8859_1", "iso8859_1", "8859", "cp819", "iso_ir_100":
		return charmap.ISO8859_1, true
	case "ascii", "us_ascii", "646":
		return nil, true
	}
	for _, spelling := range []string{name, strings.ReplaceAll(n, "_", "-"), n} {
		if e, err := ianaindex.IANA.Encoding(spelling); err == nil && e != nil {
			return e, true
		}
	}
	// Python's cp1252, cp437, ... are IANA's windows-1252, IBM437.
	if rest, ok := strings.CutPrefix(n, "cp"); ok {
		for _, spelling := range []string{"windows-" + rest, "IBM" + rest} {
			if e, err := ianaindex.IANA.Encoding(spelling); err == nil && e != nil {
				return e, true
			}
		}
	}
	return nil, false
}

// decodeSource decodes src by its PEP 263 declaration. It returns the
// UTF-8 text and the encoding's name when decoding changed the bytes;
// src itself and "" when nothing needed decoding; ok false when the
// declared encoding is unknown or the bytes are not valid in it.
func decodeSource(src []byte) (out []byte, enc string, ok bool) {
	name := declaredEncoding(src)
	if name == "" {
		return src, "", true
	}
	e, known := pythonEncoding(name)
	if !known {
		return src, name, false
	}
	if e == nil || isASCII(src) {
		return src, "", true
	}
	dec, err := e.NewDecoder().Bytes(src)
	if err != nil {
		return src, name, false
	}
	return dec, name, true
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

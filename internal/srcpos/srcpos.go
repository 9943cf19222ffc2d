// Package srcpos converts between asynclint's byte columns and the column
// units other tools count in: UTF-16 code units (LSP, SARIF's default).
// Diagnostics stay in bytes everywhere else; only output layers convert.
package srcpos

import "unicode/utf8"

// LineStarts returns the byte offset at which each line of src begins.
func LineStarts(src []byte) []int {
	starts := []int{0}
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// Line returns line n (0-based) of src without its line terminator, or
// nil when src has no such line.
func Line(src []byte, starts []int, n int) []byte {
	if n < 0 || n >= len(starts) {
		return nil
	}
	end := len(src)
	if n+1 < len(starts) {
		end = starts[n+1] - 1
	}
	line := src[starts[n]:end]
	if k := len(line); k > 0 && line[k-1] == '\r' {
		line = line[:k-1]
	}
	return line
}

// UTF16Count is the number of UTF-16 code units in the first byteCol bytes
// of line (clamped to the line). Invalid bytes count as one unit each, as
// U+FFFD does.
func UTF16Count(line []byte, byteCol int) int {
	if byteCol > len(line) {
		byteCol = len(line)
	}
	n := 0
	for i := 0; i < byteCol; {
		r, size := utf8.DecodeRune(line[i:])
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
		i += size
	}
	return n
}

// ByteCount is the inverse of UTF16Count: the byte length of the prefix of
// line that holds u16 UTF-16 code units (clamped to the line; a position
// inside a surrogate pair rounds up to the whole character).
func ByteCount(line []byte, u16 int) int {
	n, i := 0, 0
	for i < len(line) && n < u16 {
		r, size := utf8.DecodeRune(line[i:])
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
		i += size
	}
	return i
}

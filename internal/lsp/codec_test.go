package lsp

import (
	"bufio"
	"io"
	"strings"
	"testing"
)

func TestCodecSkipsMalformedMessages(t *testing.T) {
	in := "Content-Length: 9\r\n\r\n{not json" +
		"X-Other: 1\r\n\r\n" +
		"Content-Length: 100000\r\n\r\n" + strings.Repeat(" ", 100000) +
		"content-length: 7\n\n{\"a\":1}" +
		"Content-Length: 7\r\n\r\n{\"a\":2}"
	r := bufio.NewReader(strings.NewReader(in))
	var log strings.Builder
	c := codec{log: &log, maxBytes: 1000}
	for _, want := range []int{1, 2} {
		var v struct{ A int }
		if err := c.ReadObject(r, &v); err != nil {
			t.Fatalf("ReadObject: %v", err)
		}
		if v.A != want {
			t.Errorf("read a=%d, want %d", v.A, want)
		}
	}
	var v struct{ A int }
	if err := c.ReadObject(r, &v); err != io.EOF {
		t.Errorf("at the end: %v, want EOF", err)
	}
	for _, w := range []string{"malformed message", "without a valid Content-Length", "exceeds the limit"} {
		if !strings.Contains(log.String(), w) {
			t.Errorf("log lacks %q:\n%s", w, log.String())
		}
	}
}

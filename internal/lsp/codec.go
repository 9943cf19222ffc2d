package lsp

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// codec is the LSP base protocol (Content-Length framing) made tolerant:
// jsonrpc2.VSCodeObjectCodec ends the connection on the first malformed
// message, while an editor's language server should log it and read on.
// Only a broken stream (EOF, read error) ends the connection.
type codec struct {
	log io.Writer
	// maxBytes bounds one message; larger ones are skipped unread.
	maxBytes int64
}

// WriteObject implements jsonrpc2.ObjectCodec.
func (codec) WriteObject(w io.Writer, obj any) error {
	data, err := json.Marshal(obj)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(w, "Content-Length: %d\r\n\r\n", len(data)); err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// ReadObject implements jsonrpc2.ObjectCodec.
func (c codec) ReadObject(r *bufio.Reader, v any) error {
	for {
		length, err := readHeader(r)
		if err != nil {
			return err
		}
		if length < 0 {
			fmt.Fprintln(c.log, "asynclint lsp: message without a valid Content-Length header, skipped")
			continue
		}
		if length > c.maxBytes {
			fmt.Fprintf(c.log, "asynclint lsp: message of %d bytes exceeds the limit of %d, skipped\n", length, c.maxBytes)
			if _, err := io.CopyN(io.Discard, r, length); err != nil {
				return err
			}
			continue
		}
		body := make([]byte, length)
		if _, err := io.ReadFull(r, body); err != nil {
			return err
		}
		if err := json.Unmarshal(body, v); err != nil {
			fmt.Fprintf(c.log, "asynclint lsp: malformed message skipped: %v\n", err)
			continue
		}
		return nil
	}
}

// readHeader reads header lines up to the blank line and returns the
// Content-Length, or -1 when it is missing or invalid. Bare "\n" line
// ends are accepted too.
func readHeader(r *bufio.Reader) (int64, error) {
	length := int64(-1)
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return 0, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			if length < 0 {
				// A stray blank line between messages: keep looking
				// for a header rather than giving up on the stream.
				return -1, nil
			}
			return length, nil
		}
		name, value, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
			if err == nil && n >= 0 {
				length = n
			}
		}
	}
}

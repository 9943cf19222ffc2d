package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
)

// codec is the LSP base protocol (Content-Length framing) made tolerant:
// jsonrpc2.VSCodeObjectCodec ends the connection on the first malformed
// message, while an editor's language server should skip it and answer
// the next one. A frame whose length is missing or wrong leaves the
// stream at an unknown place, so the codec resynchronises on the next
// valid "Content-Length: N" line: that pattern (the name unquoted, a raw
// line break after the digits) cannot occur inside a JSON text, so a
// match is always the start of a real header. A length above the limit
// ends the connection, as does a broken stream (EOF, read error).
type codec struct {
	log io.Writer
	// maxBytes bounds one message.
	maxBytes int64
	// reply sends a JSON-RPC error response the client can see (a
	// parse error has no request for jsonrpc2 to answer).
	reply func(obj any)
	// buf holds bytes read from the stream and not yet consumed; it is
	// used only by ReadObject, which jsonrpc2 calls from one goroutine.
	buf []byte
}

// errMessageTooLarge ends the connection: a client that announces a
// message of hundreds of megabytes is broken, and reading on would mean
// holding or discarding an unbounded amount of input.
var errMessageTooLarge = errors.New("message exceeds the size limit")

var (
	contentLengthLine = regexp.MustCompile(`(?i)content-length:[ \t]*(\d+)[ \t]*\r?\n`)
	headerLine        = regexp.MustCompile(`^[!-9;-~]+:[^\r\n]*\r?\n`)
)

// WriteObject implements jsonrpc2.ObjectCodec.
func (*codec) WriteObject(w io.Writer, obj any) error {
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
func (c *codec) ReadObject(r *bufio.Reader, v any) error {
	for {
		body, err := c.nextFrame(r)
		if err != nil {
			return err
		}
		if !json.Valid(body) {
			c.logf("message body is not JSON, skipped")
			c.sendError(nil, -32700, "parse error: the message body is not valid JSON")
			continue
		}
		if err := json.Unmarshal(body, v); err != nil {
			c.logf("invalid JSON-RPC message skipped: %v", err)
			var probe struct {
				ID json.RawMessage `json:"id"`
			}
			_ = json.Unmarshal(body, &probe)
			c.sendError(probe.ID, -32600, "invalid request: "+err.Error())
			continue
		}
		return nil
	}
}

// nextFrame returns the body of the next frame with a valid header,
// skipping (and logging) whatever lies before it and frames whose body
// turns out shorter than their Content-Length.
func (c *codec) nextFrame(r *bufio.Reader) ([]byte, error) {
	for {
		m, err := c.findHeader(r)
		if err != nil {
			return nil, err
		}
		length, err := strconv.ParseInt(string(c.buf[m[2]:m[3]]), 10, 64)
		if err != nil || length > c.maxBytes {
			c.logf("Content-Length %s exceeds the limit of %d bytes; closing the connection", c.buf[m[2]:m[3]], c.maxBytes)
			return nil, errMessageTooLarge
		}
		start, ok, err := c.endOfHeader(r, m[1])
		if err != nil {
			return nil, err
		}
		if !ok {
			c.logf("malformed header, skipped")
			c.consume(m[1])
			continue
		}
		end := start + int(length)
		next, err := c.fillBody(r, start, end)
		if err != nil {
			return nil, err
		}
		if next >= 0 {
			c.logf("message shorter than its Content-Length of %d bytes, skipped", length)
			c.consume(next)
			continue
		}
		body := c.buf[start:end:end]
		c.consume(end)
		return body, nil
	}
}

// findHeader reads until c.buf holds a complete Content-Length line and
// drops what comes before it, logging it unless it is other header lines
// (Content-Type). It returns the line's submatch indexes in c.buf.
func (c *codec) findHeader(r *bufio.Reader) ([]int, error) {
	for {
		if m := contentLengthLine.FindSubmatchIndex(c.buf); m != nil {
			if m[0] == 0 {
				return m, nil
			}
			c.skip(c.buf[:m[0]])
			c.consume(m[0])
			continue
		}
		// Keep a tail that may be the start of a header still arriving.
		const keep = 256
		if len(c.buf) > keep {
			c.skip(c.buf[:len(c.buf)-keep])
			c.buf = append(c.buf[:0], c.buf[len(c.buf)-keep:]...)
		}
		if err := c.fill(r); err != nil {
			return nil, err
		}
	}
}

// endOfHeader reads the header lines after the Content-Length line that
// ends at from, up to the blank line, and returns where the body starts;
// ok is false when a line is not a header.
func (c *codec) endOfHeader(r *bufio.Reader, from int) (start int, ok bool, err error) {
	for {
		rest := c.buf[from:]
		switch {
		case bytes.HasPrefix(rest, []byte("\r\n")):
			return from + 2, true, nil
		case bytes.HasPrefix(rest, []byte("\n")):
			return from + 1, true, nil
		}
		if m := headerLine.FindIndex(rest); m != nil {
			from += m[1]
			continue
		}
		if bytes.IndexByte(rest, '\n') >= 0 || len(rest) > 4096 {
			return 0, false, nil
		}
		if err := c.fill(r); err != nil {
			return 0, false, err
		}
	}
}

// fillBody reads until c.buf holds the body [start, end). While it waits
// it watches for a valid header beginning inside the body: a JSON text
// cannot contain one, so the frame's Content-Length was too large, and
// the offset of that header is returned for the caller to resume at
// (otherwise -1). Only newly read bytes are scanned, so a large body
// costs one pass.
func (c *codec) fillBody(r *bufio.Reader, start, end int) (int, error) {
	scanned := start
	for {
		if m := contentLengthLine.FindIndex(c.buf[scanned:]); m != nil && scanned+m[0] < end {
			return scanned + m[0], nil
		}
		if len(c.buf) >= end {
			return -1, nil
		}
		// A header may straddle the end of what has arrived.
		scanned = max(start, len(c.buf)-256)
		if err := c.fill(r); err != nil {
			return 0, err
		}
	}
}

// consume drops the first n bytes of c.buf. The rest moves to a fresh
// array, so a large message just read is not kept alive by its tail.
func (c *codec) consume(n int) {
	c.buf = append([]byte(nil), c.buf[n:]...)
}

// fill appends what the stream has available (at least one byte).
func (c *codec) fill(r *bufio.Reader) error {
	c.buf = slices.Grow(c.buf, 64<<10)
	n, err := r.Read(c.buf[len(c.buf):cap(c.buf)])
	c.buf = c.buf[:len(c.buf)+n]
	if n > 0 {
		return nil
	}
	if err == nil {
		err = io.ErrNoProgress
	}
	return err
}

// skip logs dropped input, unless it is only header lines.
func (c *codec) skip(b []byte) {
	for len(b) > 0 {
		m := headerLine.FindIndex(b)
		if m == nil {
			c.logf("%d bytes without a valid Content-Length header skipped", len(b))
			return
		}
		b = b[m[1]:]
	}
}

// sendError answers a message that never reached the handler.
func (c *codec) sendError(id json.RawMessage, code int, msg string) {
	if c.reply == nil {
		return
	}
	if len(id) == 0 {
		id = json.RawMessage("null")
	}
	c.reply(map[string]any{"jsonrpc": "2.0", "id": id, "error": map[string]any{"code": code, "message": msg}})
}

func (c *codec) logf(format string, args ...any) {
	fmt.Fprintf(c.log, "asynclint lsp: "+format+"\n", args...)
}

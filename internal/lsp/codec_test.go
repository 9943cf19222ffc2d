package lsp

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
)

func frame(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }

// TestCodecSkipsBadFrames sends each kind of bad frame directly followed by
// a good one, byte for byte as a client writes them (no line break after a
// body), and expects the good one to be read.
func TestCodecSkipsBadFrames(t *testing.T) {
	good := `{"a":2}`
	bad := map[string]string{
		"non-numeric length":    "Content-Length: abc\r\n\r\n{}",
		"missing length":        "Content-Type: application/vscode-jsonrpc\r\n\r\n{\"a\":1}",
		"negative length":       "Content-Length: -5\r\n\r\n{\"a\":1}",
		"length too small":      "Content-Length: 3\r\n\r\n{\"a\":1}",
		"length too large":      "Content-Length: 900\r\n\r\n{\"a\":1}",
		"length a little large": "Content-Length: 9\r\n\r\n{\"a\":1}",
		"no blank line":         "Content-Length: 7\r\n{\"a\":1}",
		"garbage":               "hello\r\n",
		"body not JSON":         frame("{not json"),
		"body not a message":    frame(`{"b":1}`),
		"stray blank line":      "\r\n",
	}
	for name, b := range bad {
		t.Run(name, func(t *testing.T) {
			var log strings.Builder
			c := &codec{log: &log, maxBytes: 1000}
			r := bufio.NewReader(strings.NewReader(b + frame(good) + frame(good)))
			for i := 0; i < 2; i++ {
				var v strictMessage
				if err := c.ReadObject(r, &v); err != nil {
					t.Fatalf("ReadObject: %v (log: %s)", err, log.String())
				}
				if v.A != 2 {
					t.Fatalf("read %+v, want the good frame (log: %s)", v, log.String())
				}
			}
			var v struct{ A int }
			if err := c.ReadObject(r, &v); err != io.EOF {
				t.Errorf("at the end: %v, want EOF", err)
			}
		})
	}
}

// strictMessage fails to decode without "a", as jsonrpc2's message type
// fails without a method or result.
type strictMessage struct{ A int }

func (m *strictMessage) UnmarshalJSON(b []byte) error {
	var v map[string]int
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	a, ok := v["a"]
	if !ok {
		return fmt.Errorf("no a")
	}
	m.A = a
	return nil
}

func TestCodecAnswersUnparsableBodies(t *testing.T) {
	var replies []string
	c := &codec{log: io.Discard, maxBytes: 1000, reply: func(obj any) {
		b, _ := json.Marshal(obj)
		replies = append(replies, string(b))
	}}
	in := frame("{not json") + frame(`{"id":4}`) + frame(`{"a":2}`)
	var v strictMessage
	if err := c.ReadObject(bufio.NewReader(strings.NewReader(in)), &v); err != nil || v.A != 2 {
		t.Fatalf("ReadObject: %+v, %v", v, err)
	}
	want := []string{
		`{"error":{"code":-32700,"message":"parse error: the message body is not valid JSON"},"id":null,"jsonrpc":"2.0"}`,
		`{"error":{"code":-32600,"message":"invalid request: no a"},"id":4,"jsonrpc":"2.0"}`,
	}
	if strings.Join(replies, "\n") != strings.Join(want, "\n") {
		t.Errorf("replies:\n%s\nwant:\n%s", strings.Join(replies, "\n"), strings.Join(want, "\n"))
	}
}

// TestCodecHeaderTextInsideAMessage: a document may contain the text of a
// header; inside a JSON string it is escaped and must not resynchronise.
func TestCodecHeaderTextInsideAMessage(t *testing.T) {
	body, _ := json.Marshal(map[string]any{"a": 3, "text": "Content-Length: 5\r\n\r\nabcde"})
	c := &codec{log: io.Discard, maxBytes: 1000}
	var v struct{ A int }
	if err := c.ReadObject(bufio.NewReader(strings.NewReader("Content-Type: x\r\n"+frame(string(body)))), &v); err != nil || v.A != 3 {
		t.Fatalf("ReadObject: %+v, %v", v, err)
	}
}

func TestCodecEndsOnAbsurdLength(t *testing.T) {
	for _, n := range []string{"1001", "99999999999999999999999"} {
		c := &codec{log: io.Discard, maxBytes: 1000}
		var v struct{ A int }
		err := c.ReadObject(bufio.NewReader(strings.NewReader("Content-Length: "+n+"\r\n\r\n{}"+frame(`{"a":2}`))), &v)
		if err != errMessageTooLarge {
			t.Errorf("Content-Length %s: %v, want errMessageTooLarge", n, err)
		}
	}
}

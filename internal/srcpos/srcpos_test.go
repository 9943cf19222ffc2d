package srcpos

import "testing"

func TestUTF16RoundTrip(t *testing.T) {
	line := []byte("é = '😀' + x")
	cases := []struct{ bytes, u16 int }{
		{0, 0}, {2, 1}, {5, 4}, {6, 5}, {10, 7}, {11, 8}, {len(line), 12},
	}
	for _, c := range cases {
		if got := UTF16Count(line, c.bytes); got != c.u16 {
			t.Errorf("UTF16Count(%d) = %d, want %d", c.bytes, got, c.u16)
		}
		if got := ByteCount(line, c.u16); got != c.bytes {
			t.Errorf("ByteCount(%d) = %d, want %d", c.u16, got, c.bytes)
		}
	}
	if got := ByteCount(line, 100); got != len(line) {
		t.Errorf("ByteCount past the end = %d, want %d", got, len(line))
	}
}

func TestLine(t *testing.T) {
	src := []byte("a\r\nbc\n\nd")
	starts := LineStarts(src)
	want := []string{"a", "bc", "", "d"}
	for i, w := range want {
		if got := string(Line(src, starts, i)); got != w {
			t.Errorf("Line(%d) = %q, want %q", i, got, w)
		}
	}
	if Line(src, starts, 4) != nil {
		t.Error("Line past the end is not nil")
	}
}

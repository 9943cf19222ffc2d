package waitgroups

import (
	"errors"
	"testing"
)

// RunLeaks drives each stuck Wait in a goroutine of its own, which then
// holds the only reference to the wait group.
func RunLeaks() {
	go processAll([]string{""})
	go fetchPair("a", "b")
	check = func(string) error { return errors.New("failed") }
	go checkAll(quietT{}, []string{"a"})
}

// quietT records failures without a running test.
type quietT struct{ testing.TB }

func (quietT) Errorf(string, ...any) {}

// RunClean drives the fixed twins down the same paths.
func RunClean() {
	processAllDeferred([]string{"", "a"})
	processAllGo([]string{"", "a"})
	fetchPairFixed("a", "b")
	drain([]string{"a", "b"})
	drain(nil)
}

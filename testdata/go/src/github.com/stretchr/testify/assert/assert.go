// Package assert is a stub of github.com/stretchr/testify/assert for the
// analysistest GOPATH: the calls that fail the running test, with
// working bodies.
package assert

import "fmt"

// TestingT is the part of *testing.T the assertions use.
type TestingT interface {
	Errorf(format string, args ...any)
}

// Fail marks the test failed and returns false.
func Fail(t TestingT, failureMessage string, msgAndArgs ...any) bool {
	t.Errorf("%s %v", failureMessage, msgAndArgs)
	return false
}

// Failf is Fail with a formatted message.
func Failf(t TestingT, failureMessage string, msg string, args ...any) bool {
	return Fail(t, failureMessage, fmt.Sprintf(msg, args...))
}

// Assertions is the assertion object of assert.New.
type Assertions struct{ t TestingT }

// New binds the assertions to t.
func New(t TestingT) *Assertions { return &Assertions{t} }

// Fail marks the test failed and returns false.
func (a *Assertions) Fail(failureMessage string, msgAndArgs ...any) bool {
	return Fail(a.t, failureMessage, msgAndArgs...)
}

// NoError fails the test and returns false when err is not nil.
func NoError(t TestingT, err error, msgAndArgs ...any) bool {
	if err != nil {
		return Fail(t, "unexpected error: "+err.Error(), msgAndArgs...)
	}
	return true
}

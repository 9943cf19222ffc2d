package verify

import (
	"os"
	"testing"
)

func TestTry(t *testing.T) {
	code := Main([]string{"../../testdata"}, os.Stdout, os.Stderr)
	t.Log(code)
}

package neverawaited_test

import (
	"testing"

	"github.com/asynclint/asynclint/internal/casetest"
	"github.com/asynclint/asynclint/internal/config"
)

// A synchronous test reaching a coroutine method through a plain
// module's re-export (aiohttp's tests use aiohttp.http.StreamWriter,
// defined in aiohttp.http_writer): the test's text names only what that
// module re-exports, so the module must count as exporting it for the
// test to be lowered at all. Checked statically: a runnable version must
// call the test, and the call alone gets it lowered.
func TestPlainModuleReexport(t *testing.T) {
	casetest.CheckFiles(t, map[string]string{
		"setup.py":         "",
		"wire/__init__.py": "from .http import StreamWriter\n",
		"wire/http.py":     "from .writer import StreamWriter as StreamWriter\n",
		"wire/writer.py": `class StreamWriter:
    def __init__(self):
        self.chunks = []

    async def write_eof(self, chunk=b""):
        self.chunks.append(chunk)
`,
		"tests/test_writer.py": `from wire import http


def test_write_eof():
    w = http.StreamWriter()
    w.write_eof(b"data")  # want: AL101 "` + "`StreamWriter.write_eof`" + `"


async def idle():
    pass
`,
	}, &config.Config{Select: []string{"AL1"}})
}

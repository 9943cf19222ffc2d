package blockingcall_test

import (
	"testing"

	"github.com/asynclint/asynclint/internal/casetest"
	"github.com/asynclint/asynclint/internal/config"
)

// declared holds names whose annotation is their only type: a placeholder
// value (`...`, a number) says nothing, so the declaration decides, and
// a later declaration overrides an earlier one. These cannot run (a
// placeholder is no file), so they are checked statically here; the
// runnable cases are in testdata/python/blockingcall/rebound_names.py.
const declared = `from io import TextIOWrapper

g: TextIOWrapper = ...


async def declared_global():
    g.read()  # want: AL201 "` + "`io.IOBase.read`" + `"


async def declared_local():
    f: TextIOWrapper = ...
    f.read()  # want: AL201 "` + "`io.IOBase.read`" + `"


async def redeclared(f: TextIOWrapper):
    f: int = 7
    f.read()
    f: TextIOWrapper = ...
    f.read()  # want: AL201 "` + "`io.IOBase.read`" + `"
    f: int = 7
    f.read()


async def assigned_after_declaration(make):
    f: TextIOWrapper = ...
    f = make()
    f.read()
`

func TestDeclaredTypes(t *testing.T) {
	casetest.CheckSource(t, "declared.py", declared, &config.Config{Select: []string{"AL2"}})
}

package gofront_test

import (
	"flag"
	"fmt"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/gofront"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

var dumpPkg = flag.String("dump", "", "print the IR of this testdata package")

// TestDump prints a package's IR, for debugging the frontend:
// go test ./gofront -run Dump -dump neverawaited/sendleak -v
func TestDump(t *testing.T) {
	if *dumpPkg == "" {
		t.Skip("no -dump package")
	}
	dumper := &analysis.Analyzer{
		Name:     "dump",
		Doc:      "dump the IR",
		Requires: []*analysis.Analyzer{gofront.IR},
		Run: func(pass *analysis.Pass) (any, error) {
			res := pass.ResultOf[gofront.IR].(*gofront.Result)
			if res.Module != nil {
				for _, f := range res.Module.Funcs {
					t.Log(dumpFunc(f))
				}
			}
			return nil, nil
		},
	}
	analysistest.Run(t, testdata(t), dumper, *dumpPkg)
}

func dumpFunc(f *asyncir.Func) string {
	var b strings.Builder
	fmt.Fprintf(&b, "func %s ctx=%v(%s) inputs=%d\n", f.QualName, f.HasContext, f.ContextName, len(f.Inputs))
	names := map[*asyncir.Value]string{}
	name := func(v *asyncir.Value) string {
		if v == nil {
			return "-"
		}
		if n, ok := names[v]; ok {
			return n
		}
		n := fmt.Sprintf("v%d", len(names))
		if v.Track != nil {
			n += fmt.Sprintf("{%s made=%v cap=%d esc=%v fut=%v uses=%d field=%s}", v.Track.Name, v.Track.Made, v.Track.Cap, v.Track.Escapes, v.Track.Future, len(v.Uses), v.Track.Field)
		}
		names[v] = n
		return n
	}
	for _, in := range f.Inputs {
		fmt.Fprintf(&b, "  input %s\n", name(in))
	}
	for _, bl := range f.Blocks {
		var succ []string
		for _, s := range bl.Succs {
			succ = append(succ, fmt.Sprint(s.Index))
		}
		fmt.Fprintf(&b, " b%d exit=%v raises=%v -> %s\n", bl.Index, bl.Exit, bl.Raises, strings.Join(succ, ","))
		for _, op := range bl.Ops {
			var args []string
			for _, a := range op.Args {
				args = append(args, name(a))
			}
			var caps []string
			for _, a := range op.Captures() {
				caps = append(caps, name(a))
			}
			callee := ""
			if op.Callee != nil {
				callee = op.Callee.QualName
			}
			if op.Result != nil && len(op.Result.Elems()) > 0 {
				var es []string
				for _, e := range op.Result.Elems() {
					es = append(es, name(e))
				}
				fmt.Fprintf(&b, "   elems of next: %s\n", strings.Join(es, " "))
			}
			fmt.Fprintf(&b, "   %d:%s %s ext=%s callee=%s recv=%s operand=%s args=[%s] caps=[%s] sel=%v res=%s\n", op.Range.Start.Line, op.Kind, op.Method, op.External, callee, name(op.Recv), name(op.Operand), strings.Join(args, " "), strings.Join(caps, " "), op.Select() != nil, name(op.Result))
		}
	}
	return b.String()
}

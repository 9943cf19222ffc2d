package neverawaited

import (
	"fmt"

	"github.com/asynclint/asynclint/asyncir"
)

// checkForeverBlocks reports the operations that block forever whatever
// any other goroutine does: a send (AL151) or a receive or range (AL152)
// on a channel that is nil there, outside a select; and, in a function
// started as a goroutine, a select with no case that can ever fire
// (select {}, or only nil channels) and no default (AL152).
func checkForeverBlocks(pass *asyncir.Pass) {
	starts := goroutineStarts(pass)
	for _, f := range pass.Module.Funcs {
		f.Ops(func(op *asyncir.Op) {
			switch {
			case op.Kind == asyncir.OpSend && op.Select() == nil && isNil(op.Recv):
				reportForever(pass, op, starts[f], "AL151", "sending on nil channel "+chanName(op.Recv), nilWhy(op.Recv))
			case op.Kind == asyncir.OpAwait && op.Select() == nil && isNil(op.Operand):
				reportForever(pass, op, starts[f], "AL152", "receiving from nil channel "+chanName(op.Operand), nilWhy(op.Operand))
			case op.Kind == asyncir.OpSelect && !op.Default && starts[f] != nil && allNil(op.Args):
				why := "it has no case"
				if len(op.Args) > 0 {
					why = "every case is on a nil channel"
				}
				reportForever(pass, op, starts[f], "AL152", "in a select that no case can end", why)
			}
		})
	}
}

func isNil(v *asyncir.Value) bool {
	return v != nil && v.Track != nil && v.Track.Nil != asyncir.NotNil
}

func allNil(vs []*asyncir.Value) bool {
	for _, v := range vs {
		if !isNil(v) {
			return false
		}
	}
	return true
}

// nilWhy says how the channel comes to be nil.
func nilWhy(v *asyncir.Value) string {
	switch v.Track.Nil {
	case asyncir.NilUnassignedField:
		return "the package never assigns it"
	case asyncir.NilOnPath:
		return "a path that never makes it reaches here"
	}
	return "it is declared and never made"
}

func reportForever(pass *asyncir.Pass, op *asyncir.Op, start *asyncir.Op, code, what, why string) {
	f := op.Func()
	who := "`" + f.QualName + "`"
	var rel []asyncir.Related
	if start != nil {
		who = "goroutine " + who
		if start.Range.IsValid() {
			rel = append(rel, asyncir.Related{Range: start.Range, Message: "the goroutine is started here"})
		}
	}
	report(pass, asyncir.Diagnostic{
		Code:    code,
		Range:   op.Range,
		Message: fmt.Sprintf("%s blocks forever %s: %s", who, what, why),
		Related: rel,
	})
}

// goroutineStarts maps each function of the module that some code of the
// module starts as a goroutine to one of its start sites (the first).
func goroutineStarts(pass *asyncir.Pass) map[*asyncir.Func]*asyncir.Op {
	out := map[*asyncir.Func]*asyncir.Op{}
	for g, sites := range goroutineStartsAll(pass) {
		out[g] = sites[0]
	}
	return out
}

// goroutineStartsAll maps each function of the module that some code of
// the module starts as a goroutine to all of its start sites.
func goroutineStartsAll(pass *asyncir.Pass) map[*asyncir.Func][]*asyncir.Op {
	out := map[*asyncir.Func][]*asyncir.Op{}
	for _, f := range pass.Module.Funcs {
		f.Ops(func(op *asyncir.Op) {
			if op.Callee == nil {
				return
			}
			switch op.Kind {
			case asyncir.OpSpawn:
				out[op.Callee] = append(out[op.Callee], op)
			case asyncir.OpRef:
				if st, ok := asyncir.StartOf(pass.Program.Models, asyncir.Use{Op: op}); ok {
					out[op.Callee] = append(out[op.Callee], st.Site)
				}
			}
		})
	}
	return out
}

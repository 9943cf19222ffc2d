package neverawaited

import (
	"fmt"

	"github.com/asynclint/asynclint/asyncir"
)

// checkSiblingSendLeaks reports AL151 for an unbuffered channel f makes
// only to hand to the goroutines it starts, when one of them sends on it
// outside a select and every other one receives from it only as a case
// of a select beside a case after which it returns (a stop channel, a
// done channel, ctx.Done): once the receiver takes that case nobody
// receives, and the sender blocks forever. The protocol between the two
// goroutines is the whole story; f itself never touches the channel.
func checkSiblingSendLeaks(pass *asyncir.Pass, f *asyncir.Func) {
	models := pass.Program.Models
	for _, ch := range asyncir.Made(f, asyncir.Channel) {
		if ch.Track.Cap != 0 {
			continue // a buffer may hold what the sender sends
		}
		var sends, recvs []*asyncir.Op
		var starts []asyncir.Start
		ok := true
		for _, u := range ch.Uses {
			st, started := asyncir.StartOf(models, u)
			if !started {
				ok = false // f uses it itself, or hands it on
				break
			}
			starts = append(starts, st)
			s, r, known := siblingUses(st.Bind, ch)
			if !known {
				ok = false
				break
			}
			sends, recvs = append(sends, s...), append(recvs, r...)
		}
		if !ok || len(sends) == 0 || len(recvs) == 0 {
			continue
		}
		var leave *asyncir.Op
		for _, r := range recvs {
			l := leavingCase(r)
			if l == nil || receivesItself(r.Func(), sends) {
				leave = nil
				break
			}
			if leave == nil {
				leave = l
			}
		}
		if leave == nil {
			continue // some receiver keeps receiving
		}
		for _, s := range sends {
			rel := []asyncir.Related{{Range: leave.Range, Message: "`" + leave.Func().QualName + "` stops receiving when this case fires"}}
			if site := startSiteOf(starts, s.Func()); site != nil && site.Range.IsValid() {
				rel = append(rel, asyncir.Related{Range: site.Range, Message: "the goroutine is started here"})
			}
			report(pass, asyncir.Diagnostic{
				Code:  "AL151",
				Range: s.Range,
				Message: fmt.Sprintf("goroutine `%s` can block forever sending on unbuffered channel %s: its receiver, goroutine `%s`, can take another case of its select and return",
					s.Func().QualName, chanName(ch), leave.Func().QualName),
				Related: rel,
			})
		}
	}
}

// siblingUses sorts what the goroutine bind starts does with the input
// ch is bound to: plain sends, and receives that are select cases;
// known is false for anything else (a plain receive, a close, a hand-off).
func siblingUses(bind *asyncir.Op, ch *asyncir.Value) (sends, recvs []*asyncir.Op, known bool) {
	ins := asyncir.Bindings(bind, ch)
	if len(ins) == 0 || len(bind.Callee.Blocks) == 0 {
		return nil, nil, false
	}
	for _, in := range ins {
		if in.Track == nil || in.Track.Escapes {
			return nil, nil, false
		}
		for _, u := range in.Uses {
			switch {
			case u.Op.IsPlainSend(in):
				sends = append(sends, u.Op)
			case u.Op.Receives(in) && u.Op.Select() != nil:
				recvs = append(recvs, u.Op)
			case u.Op.Kind == asyncir.OpSelect:
			default:
				return nil, nil, false
			}
		}
	}
	return sends, recvs, true
}

// startSiteOf is the site of the start among starts that runs g.
func startSiteOf(starts []asyncir.Start, g *asyncir.Func) *asyncir.Op {
	for _, st := range starts {
		if st.Bind.Callee == g {
			return st.Site
		}
	}
	return nil
}

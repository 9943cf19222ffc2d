package neverawaited

import (
	"fmt"

	"github.com/asynclint/asynclint/asyncir"
)

// checkWaitBeforeReceive reports AL156 for a Wait that waits for
// goroutines blocked on their own result: each counted goroutine sends
// on a channel f made, outside a select and before its Done, and f
// receives from that channel only after Wait returns (results read after
// wg.Wait()). When the goroutines send more than the buffer holds, Wait
// waits for senders that wait for the reader. It reports whether it did.
func checkWaitBeforeReceive(pass *asyncir.Pass, f *asyncir.Func, c groupCount, name string) bool {
	models := pass.Program.Models
	for _, ch := range asyncir.Made(f, asyncir.Channel) {
		if ch.Track.Cap < 0 {
			continue
		}
		var recvs []*asyncir.Op
		ok := true
		for _, u := range ch.Uses {
			if _, started := asyncir.StartOf(models, u); started {
				continue // checked below: only counted goroutines
			}
			switch {
			case u.Op.Receives(ch), u.Op.Kind == asyncir.OpDrain, u.Op.Kind == asyncir.OpSelect, u.Op.Closes() == ch && u.Op.Kind == asyncir.OpClose:
				if u.Op.Kind != asyncir.OpClose && u.Op.Kind != asyncir.OpSelect {
					recvs = append(recvs, u.Op)
				}
			default:
				ok = false
			}
		}
		if !ok {
			continue
		}
		total := 0
		var blocked *asyncir.Op
		var blockedStart asyncir.Start
		for _, u := range ch.Uses {
			st, started := asyncir.StartOf(models, u)
			if !started {
				continue
			}
			if !containsStart(c.starts, st.Site) {
				ok = false // a goroutine the group does not count
				break
			}
			n, send, sends := goroutineSends(st.Bind, []*asyncir.Value{ch})
			if !sends {
				ok = false
				break
			}
			if n > 0 && repeats(st.Site, ch) {
				n = asyncir.Inf
			}
			total = min(asyncir.Inf, total+n)
			if send != nil && blocked == nil && sendsBeforeDone(models, st.Bind, send) {
				blocked, blockedStart = send, st
			}
		}
		// Goroutines started in a loop send an unknown number of values:
		// a buffer may be sized to hold them all.
		if !ok || blocked == nil || total <= ch.Track.Cap || total >= asyncir.Inf && ch.Track.Cap > 0 {
			continue
		}
		for _, wait := range c.waits {
			if wait.Kind != asyncir.OpCall {
				continue
			}
			// Every receive comes after Wait: no path from a start to
			// Wait takes a value first.
			isRecv := func(op *asyncir.Op) bool { return containsOp(recvs, op) }
			if !asyncir.Reaches(blockedStart.Site, wait, isRecv) {
				continue
			}
			early := false
			for _, r := range recvs {
				early = early || asyncir.Reaches(blockedStart.Site, r, func(op *asyncir.Op) bool { return op == wait })
			}
			if early {
				continue
			}
			report(pass, asyncir.Diagnostic{
				Code:    "AL156",
				Range:   wait.Range,
				Message: fmt.Sprintf("%s.Wait blocks forever: goroutine %s blocks sending on %s before its Done, and `%s` receives from it only after Wait", name, spawnName(blockedStart.Bind), chanName(ch), f.QualName),
				Related: []asyncir.Related{
					{Range: blocked.Range, Message: "the goroutine blocks here"},
					{Range: blockedStart.Site.Range, Message: "the goroutine is started here"},
				},
			})
			// The goroutines leak with it: their send is reported too.
			report(pass, asyncir.Diagnostic{
				Code:    "AL151",
				Range:   blocked.Range,
				Message: fmt.Sprintf("goroutine %s blocks forever sending on %s: `%s` receives from it only after %s.Wait, which waits for this goroutine", spawnName(blockedStart.Bind), chanName(ch), f.QualName, name),
				Related: []asyncir.Related{{Range: wait.Range, Message: "`" + f.QualName + "` waits here before receiving"}},
			})
			return true
		}
	}
	return false
}

// sendsBeforeDone reports whether the goroutine bind starts can reach
// send before calling Done.
func sendsBeforeDone(models *asyncir.Models, bind *asyncir.Op, send *asyncir.Op) bool {
	return asyncir.ReachedFromEntry(send, func(op *asyncir.Op) bool {
		m := models.API(op.External)
		return op.Kind == asyncir.OpCall && m != nil && m.Done
	})
}

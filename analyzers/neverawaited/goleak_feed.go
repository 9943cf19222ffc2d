package neverawaited

import (
	"fmt"

	"github.com/asynclint/asynclint/asyncir"
)

// checkStoppedFeeds reports AL152 for a goroutine that waits on a
// channel f made and handed to an API that feeds it from outside the
// program (signal.Notify), when f then stops the feed (signal.Stop):
// the API never closes the channel, so a goroutine still waiting (no
// signal came) waits forever.
func checkStoppedFeeds(pass *asyncir.Pass, f *asyncir.Func) {
	models := pass.Program.Models
	for _, ch := range asyncir.Made(f, asyncir.Channel) {
		var feed, stop *asyncir.Op
		var starts []asyncir.Start
		ok := true
		for _, u := range ch.Uses {
			m := models.API(u.Op.External)
			switch {
			case m != nil && m.FeedsChannel && u.Op.Arg(0, "") == ch:
				feed = u.Op
			case m != nil && m.StopsFeed && u.Op.Arg(0, "") == ch:
				stop = u.Op
			default:
				st, started := asyncir.StartOf(models, u)
				if !started {
					ok = false // f receives, sends, closes, or hands it on
				}
				starts = append(starts, st)
			}
		}
		if !ok || feed == nil || stop == nil {
			continue
		}
		for _, st := range starts {
			r, known := goroutineReceives(st.Site, st.Bind, ch)
			if !known || r.recv == nil || !asyncir.Reaches(st.Site, stop, nil) {
				continue
			}
			g := st.Bind.Callee
			report(pass, asyncir.Diagnostic{
				Code:  "AL152",
				Range: r.recv.Range,
				Message: fmt.Sprintf("goroutine `%s` can block forever receiving from %s: only `%s` sends on it, and after `%s` nothing sends on it or closes it",
					g.QualName, chanName(ch), trimPath(feed.External), trimPath(stop.External)),
				Related: []asyncir.Related{
					{Range: stop.Range, Message: "the deliveries stop here; the channel stays open"},
					{Range: st.Site.Range, Message: "the goroutine is started here"},
				},
			})
		}
	}
}

package neverawaited

import "github.com/asynclint/asynclint/asyncir"

// The Go rules of the family: goroutines that can never finish because
// their channel partner or their group's owner returned first.
var goRules = []*asyncir.Rule{
	{Code: "AL151", Name: "goroutine-send-leak", Summary: "goroutine blocks forever sending on a channel its receiver stopped reading", Severity: asyncir.SeverityWarning, Status: asyncir.StatusPreview, Since: "0.1.0", Language: asyncir.Go},
	{Code: "AL152", Name: "goroutine-receive-leak", Summary: "goroutine blocks forever receiving from a channel that is never closed", Severity: asyncir.SeverityWarning, Status: asyncir.StatusPreview, Since: "0.1.0", Language: asyncir.Go},
	{Code: "AL153", Name: "discarded-result-channel", Summary: "result channel discarded while a goroutine blocks to send on it", Severity: asyncir.SeverityWarning, Status: asyncir.StatusPreview, Since: "0.1.0", Language: asyncir.Go},
	{Code: "AL154", Name: "unwaited-group", Summary: "wait group or errgroup started on a path that returns without Wait", Severity: asyncir.SeverityWarning, Status: asyncir.StatusPreview, Since: "0.1.0", Language: asyncir.Go},
	{Code: "AL155", Name: "mutex-held-forever", Summary: "mutex not released on some return path, or locked again by the goroutine holding it", Severity: asyncir.SeverityWarning, Status: asyncir.StatusPreview, Since: "0.1.0", Language: asyncir.Go},
	{Code: "AL156", Name: "wait-group-never-done", Summary: "WaitGroup.Wait that never returns: a counted goroutine skips Done, or Add counts more", Severity: asyncir.SeverityWarning, Status: asyncir.StatusPreview, Since: "0.1.0", Language: asyncir.Go},
	{Code: "AL157", Name: "cond-never-signaled", Summary: "sync.Cond.Wait on a condition nothing signals or broadcasts", Severity: asyncir.SeverityWarning, Status: asyncir.StatusPreview, Since: "0.1.0", Language: asyncir.Go},
}

func runGo(pass *asyncir.Pass) error {
	locks := newLockSummaries(pass.Program.Models, pass.Module)
	checkUnsignalledConds(pass)
	checkSignalsForOthers(pass)
	checkFieldSendLeaks(pass)
	checkUnreceivedFields(pass)
	checkFieldWaitGroups(pass)
	checkFieldReceiveLeaks(pass)
	checkSkippedFieldCloses(pass)
	checkStopSentOnce(pass)
	checkIgnoredStops(pass)
	checkForeverBlocks(pass)
	checkUncancelledLoops(pass)
	checkBlockedUnderLock(pass)
	checkUnansweredRequests(pass)
	checkLockOrder(pass, locks)
	checkSelfWaits(pass)
	replies := findRepliers(pass.Module)
	for _, f := range pass.Module.Funcs {
		if len(f.Blocks) == 0 {
			continue
		}
		cfg := asyncir.NewCFG(f)
		checkSendLeaks(pass, f, cfg)
		checkSiblingSendLeaks(pass, f)
		checkReturnedChannels(pass, f, cfg)
		checkReplyLeaks(pass, f, cfg, replies)
		checkReceiveLeaks(pass, f)
		checkSkippedSends(pass, f)
		checkPipelineLeaks(pass, f)
		checkStoppedTickers(pass, f)
		checkStoppedFeeds(pass, f)
		checkDiscardedFutures(pass, f)
		checkUnwaitedGroups(pass, f)
		checkLockLeaks(pass, f, locks)
		checkStuckWaits(pass, f, cfg)
	}
	return nil
}

// report fills the rule's severity.
func report(pass *asyncir.Pass, d asyncir.Diagnostic) {
	if r := pass.Analyzer.Rule(d.Code); r != nil {
		d.Severity = r.Severity
	}
	pass.Report(d)
}

// reportOnFailure reports d, tagged when the finding can only happen
// after the running test failed (the leak waits on a path through
// t.Errorf): the policy layer makes it info.
func reportOnFailure(pass *asyncir.Pass, d asyncir.Diagnostic, onFailure bool) {
	if onFailure {
		d.Fact = asyncir.FactAfterTestFailure
	}
	report(pass, d)
}

// failsTest reports whether op marks the running test failed (t.Errorf).
func failsTest(models *asyncir.Models, op *asyncir.Op) bool {
	if op.Kind != asyncir.OpCall {
		return false
	}
	m := models.API(op.External)
	return m != nil && m.FailsTest
}

// chanName names a channel for messages.
func chanName(v *asyncir.Value) string {
	if v.Track != nil && v.Track.Name != "" {
		return "`" + v.Track.Name + "`"
	}
	return "the channel"
}

// spawnName names the function a go statement runs.
func spawnName(op *asyncir.Op) string {
	if op.Callee != nil {
		return "`" + op.Callee.QualName + "`"
	}
	return "the goroutine"
}

// returnRelated points at the exit a leaking path takes.
func returnRelated(f *asyncir.Func, exit *asyncir.Block, what string) []asyncir.Related {
	if op := asyncir.ExitOp(exit); op != nil && op.Range.IsValid() {
		return []asyncir.Related{{Range: op.Range, Message: "`" + f.QualName + "` returns here " + what}}
	}
	return nil
}

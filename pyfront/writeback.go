package pyfront

import (
	"slices"

	"github.com/asynclint/asynclint/asyncir"
)

// writeBackRun is about how many values one write-back job types: a
// module larger than that is written back in runs of its top-level
// definitions, one job each, so that a single large module (a generated
// one) is written back on every core rather than on one.
var writeBackRun = 1 << 16

// writeJob is the write-back of a run of a module's functions; first
// also names the module's decorators, last also types its class
// attributes.
type writeJob struct {
	mi          *moduleInfo
	funcs       []*asyncir.Func
	values      int
	first, last bool
}

// writeBackJobs splits the write-back of mods into jobs of about run
// values, largest first. A run ends only before a top-level function
// or class body: nested functions and methods are typed with the
// definition they belong to, by one memo. A library module is one job
// (its write-back resolves calls, it types no value).
func writeBackJobs(mods []*moduleInfo, run int) []writeJob {
	var jobs []writeJob
	for _, mi := range mods {
		j := writeJob{mi: mi, first: true}
		start := 0
		for i, f := range mi.mod.Funcs {
			if j.values >= run && !mi.library && topLevel(f) {
				j.funcs = mi.mod.Funcs[start:i]
				jobs = append(jobs, j)
				j, start = writeJob{mi: mi}, i
			}
			j.values += countValues(f)
		}
		j.funcs, j.last = mi.mod.Funcs[start:], true
		jobs = append(jobs, j)
	}
	slices.SortStableFunc(jobs, func(a, b writeJob) int { return b.values - a.values })
	return jobs
}

// wholeModule is the write-back of all of mi as one job.
func wholeModule(mi *moduleInfo) writeJob {
	j := writeJob{mi: mi, funcs: mi.mod.Funcs, first: true, last: true}
	for _, f := range j.funcs {
		j.values += countValues(f)
	}
	return j
}

// topLevel reports whether f is defined by a statement of its module's
// body: a function or a class body, not a method.
func topLevel(f *asyncir.Func) bool {
	return f.Parent != nil && f.Parent == f.Module.Body && f.Class == nil
}

// writeBack stores final types in the values of j's functions and
// resolves their calls.
func (l *linker) writeBack(j writeJob) {
	mi := j.mi
	// A memo per job, sized for it: one that grows across jobs, or
	// within one, spends its time rehashing. Every value the job's ops
	// make ends up in it, except in a library module, which only has its
	// calls resolved: few of its values are ever typed.
	size := j.values
	if mi.library {
		size = 0
	}
	// A worker's memo large enough is cleared, not made anew (the
	// largest jobs come first): the memos were most of what linking
	// allocated. The values of all the jobs a worker writes share one
	// copy of each type (types are never written through).
	if l.memo == nil || size > l.memoSize {
		l.memo, l.memoSize = make(map[*asyncir.Value]*asyncir.Type, size), size
	} else {
		clear(l.memo)
	}
	if j.first {
		for _, fi := range mi.funcs {
			fi.f.Decorators = l.decoratorNames(fi)
		}
	}
	for _, f := range j.funcs {
		if mi.library {
			l.resolveLibraryCalls(f)
			continue
		}
		f.Ops(func(op *asyncir.Op) {
			if op.Result != nil {
				op.Result.SetShared(l.sharedTypeOf(op.Result))
			}
			if op.Kind == asyncir.OpCall {
				l.resolveCall(op)
			}
		})
	}
	if !j.last {
		return
	}
	for _, ci := range mi.classes {
		for name := range ci.attrs {
			if t := l.classAttr(ci.cls, name); t.IsKnown() {
				ci.cls.Attrs[name] = t
			}
		}
		for name := range ci.annots {
			if t := l.classAttr(ci.cls, name); t.IsKnown() {
				ci.cls.Attrs[name] = t
			}
		}
	}
}

// countValues is the number of values f's ops make.
func countValues(f *asyncir.Func) int {
	n := 0
	f.Ops(func(op *asyncir.Op) {
		if op.Result != nil {
			n++
		}
	})
	return n
}

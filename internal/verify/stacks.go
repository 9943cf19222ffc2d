package verify

import (
	"regexp"
	"strconv"
	"strings"
)

// goroutine is one goroutine of a runtime stack dump (runtime.Stack, or a
// pprof profile written with debug=2).
type goroutine struct {
	id        string
	state     string // "chan send (leaked)"
	frames    []Loc  // innermost first
	createdBy *Loc   // the go statement
}

var (
	goroutineRE = regexp.MustCompile(`^goroutine (\d+) \[([^\]]*)\]:$`)
	frameLocRE  = regexp.MustCompile(`^\t(.+\.go):(\d+)(?: \+0x[0-9a-f]+)?$`)
)

// parseStacks reads every goroutine of a dump.
func parseStacks(dump string) []goroutine {
	var out []goroutine
	var cur *goroutine
	createdNext := false
	for _, line := range strings.Split(dump, "\n") {
		if m := goroutineRE.FindStringSubmatch(line); m != nil {
			out = append(out, goroutine{id: m[1], state: m[2]})
			cur = &out[len(out)-1]
			continue
		}
		if cur == nil {
			continue
		}
		if strings.HasPrefix(line, "created by ") {
			createdNext = true
			continue
		}
		m := frameLocRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[2])
		loc := Loc{File: m[1], Line: n}
		if createdNext {
			cur.createdBy, createdNext = &loc, false
		} else {
			cur.frames = append(cur.frames, loc)
		}
	}
	return out
}

// raceReports returns, for each "WARNING: DATA RACE" report in a test's
// output, the source locations it names, in order.
func raceReports(output string) [][]Loc {
	var out [][]Loc
	for _, block := range strings.Split(output, "WARNING: DATA RACE")[1:] {
		block, _, _ = strings.Cut(block, "==================")
		var locs []Loc
		for _, line := range strings.Split(block, "\n") {
			line = strings.TrimLeft(line, " ")
			if m := frameLocRE.FindStringSubmatch("\t" + line); m != nil {
				n, _ := strconv.Atoi(m[2])
				locs = append(locs, Loc{File: m[1], Line: n})
			}
		}
		out = append(out, locs)
	}
	return out
}

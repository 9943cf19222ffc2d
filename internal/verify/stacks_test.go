package verify

import "testing"

func TestParseStacks(t *testing.T) {
	dump := `goroutine 1 [running]:
main.main()
	/tmp/leak/main.go:19 +0x73

goroutine 23 [chan send (leaked)]:
main.leak.func1()
	/tmp/leak/main.go:12 +0x3d
created by main.leak in goroutine 1
	/tmp/leak/main.go:11 +0x9a
`
	gs := parseStacks(dump)
	if len(gs) != 2 {
		t.Fatalf("goroutines = %+v", gs)
	}
	g := gs[1]
	if g.id != "23" || g.state != "chan send (leaked)" || len(g.frames) != 1 || g.frames[0] != (Loc{"/tmp/leak/main.go", 12}) ||
		g.createdBy == nil || *g.createdBy != (Loc{"/tmp/leak/main.go", 11}) {
		t.Fatalf("goroutine = %+v", g)
	}
}

func TestRaceReports(t *testing.T) {
	out := `==================
WARNING: DATA RACE
Read at 0x00c00001c0f8 by goroutine 8:
  counter.RunCount.func1()
      /g/src/races/counter/counter.go:14 +0x84

Previous write at 0x00c00001c0f8 by goroutine 7:
  counter.RunCount.func1()
      /g/src/races/counter/counter.go:14 +0x96

Goroutine 8 (running) created at:
  counter.RunCount()
      /g/src/races/counter/counter.go:12 +0x64
==================
--- FAIL: TestAsynclintVerify
`
	rs := raceReports(out)
	if len(rs) != 1 || len(rs[0]) != 3 || rs[0][0] != (Loc{"/g/src/races/counter/counter.go", 14}) || rs[0][2].Line != 12 {
		t.Fatalf("reports = %+v", rs)
	}
}

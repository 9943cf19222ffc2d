package verify

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
)

// Event is one thing the runtime reported about a case: its kind (see the
// package doc), the file and line it is attributed to (line 0: no line of
// the case explains it) and the runtime's own words. Also holds further
// places of the same finding (a leaked goroutine's go statement besides its
// blocking line); a want at any of them accounts for the event. The
// harness leaves File empty: it is the case file. Stack is the Python
// recorder's: the frames that led to the event, innermost first.
type Event struct {
	Kind   string  `json:"kind"`
	File   string  `json:"file,omitempty"`
	Line   int     `json:"line"`
	Detail string  `json:"detail"`
	Also   []Loc   `json:"also,omitempty"`
	Stack  []Frame `json:"stack,omitempty"`
}

// Frame is one frame of a recorded stack.
type Frame struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Func string `json:"func"`
}

// Loc is a line of a case file.
type Loc struct {
	File string
	Line int
}

// Locs is the event's place followed by its other places.
func (e Event) Locs() []Loc { return append([]Loc{{e.File, e.Line}}, e.Also...) }

func (e Event) String() string { return fmt.Sprintf("%s: %s", e.Kind, e.Detail) }

// ParseEvents reads the recorder's JSON lines.
func ParseEvents(data []byte) ([]Event, error) {
	var evs []Event
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for n := 1; sc.Scan(); n++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var e Event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return nil, fmt.Errorf("event %d: %v", n, err)
		}
		evs = append(evs, e)
	}
	return fellBack(evs), sc.Err()
}

// fellBack reads an exception as expected where a feature-fallback says
// that the code called the missing API's replacement after it (a
// version-portable `try: asyncio.Task.all_tasks() / except
// AttributeError: asyncio.all_tasks()`).
func fellBack(evs []Event) []Event {
	type key struct {
		loc    Loc
		detail string
	}
	fallbacks := map[key]bool{}
	for _, e := range evs {
		if e.Kind == "feature-fallback" {
			fallbacks[key{Loc{e.File, e.Line}, e.Detail}] = true
		}
	}
	for i, e := range evs {
		if e.Kind == "exception" && fallbacks[key{Loc{e.File, e.Line}, e.Detail}] {
			evs[i].Kind = "expected-exception"
		}
	}
	return evs
}

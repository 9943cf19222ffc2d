package asyncir

import "sync"

// Summaries are interprocedural facts computed once per Program, keyed by
// the analyzer family that defines them (for example blockingcall's
// may-block summary with its witness chains). Computing one is safe from
// concurrent analyzer passes: the first caller computes, the others wait.
type Summaries struct {
	mu    sync.Mutex
	cells map[string]*summaryCell
}

type summaryCell struct {
	once sync.Once
	val  any
}

// Summary returns the summary named key, computing it with compute the
// first time it is asked for.
func (p *Program) Summary(key string, compute func(*Program) any) any {
	p.summaryOnce.Do(func() { p.summaries = &Summaries{cells: map[string]*summaryCell{}} })
	s := p.summaries
	s.mu.Lock()
	c := s.cells[key]
	if c == nil {
		c = &summaryCell{}
		s.cells[key] = c
	}
	s.mu.Unlock()
	c.once.Do(func() { c.val = compute(p) })
	return c.val
}

// AllFuncs calls fn for every function of every lowered module.
func (p *Program) AllFuncs(fn func(*Func)) {
	for _, m := range p.Modules {
		for _, f := range m.Funcs {
			fn(f)
		}
	}
}

// LibraryFuncs calls fn for every function of the installed modules read
// for the program.
func (p *Program) LibraryFuncs(fn func(*Func)) {
	for _, m := range p.Library {
		for _, f := range m.Funcs {
			fn(f)
		}
	}
}

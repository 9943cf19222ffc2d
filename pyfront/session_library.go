package pyfront

import "strings"

// Whether the library loader would read something else after an edit,
// for Session.Update.

// sameLibraryDemands reports why the library loader could read something
// else with mi in old's place: a different demand of an installed name,
// or an attribute name that only one of them uses (library methods are
// followed under the names the project uses).
func (s *Session) sameLibraryDemands(old, mi *moduleInfo) string {
	if s.opts.Library == nil {
		return ""
	}
	of, nf := s.factsOf(old), s.factsOf(mi)
	if of.demands == nil {
		of.demands = s.demands(old)
	}
	nf.demands = s.demands(mi)
	if !maps2Equal(of.demands, nf.demands) {
		return "a different demand on the installed packages"
	}
	oa, na := of.attrs, nf.attrs
	for name := range na {
		if !oa[name] && s.projectAttrs[name] == 0 && s.libraryMember(name) {
			return "a new use of the library member name " + name
		}
	}
	for name := range oa {
		if !na[name] && s.projectAttrs[name] == 1 && s.libraryMember(name) {
			return "the last use of the library member name " + name
		}
	}
	return ""
}

// libraryMember reports whether a library class read so far has a method
// or an annotated attribute called name: the loader follows those under
// the names the project uses (demandClass), and no other class it reads
// is reached through a name (a name typed for the first time is usually
// none of them). A method left out of its class because nothing named it
// counts: a new use keeps it.
func (s *Session) libraryMember(name string) bool {
	for _, mi := range s.set.lowered {
		if !mi.library {
			continue
		}
		if mi.droppedMethods[name] {
			return true
		}
		for _, ci := range mi.classes {
			if ci.cls.Methods[name] != nil || ci.annots[name] != nil {
				return true
			}
		}
	}
	return false
}

// demands are the installed names the library loader would be asked for
// because of mi, with their depth.
func (s *Session) demands(mi *moduleInfo) map[string]int {
	ld := &libLoader{lib: s.opts.Library, models: s.models, project: s.set.names, seen: map[string]int{}}
	ld.seedFrom(mi)
	out := map[string]int{}
	for name, d := range ld.seen {
		for p := name; p != ""; {
			if f := ld.lib.find(p); f.found {
				out[name] = d
				break
			}
			i := strings.LastIndexByte(p, '.')
			if i < 0 {
				break
			}
			p = p[:i]
		}
	}
	return out
}

func maps2Equal(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

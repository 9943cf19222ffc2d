package pyfront

// exportIndex maps each lowered module to the names an importer must
// mention to reach something async through it: its module-level coroutine
// and async generator functions, its classes with an async method, its
// bridge names (bridgeNames) and what it re-exports of those with "from
// ... import" — a package __init__ or a plain module (aiohttp.http
// re-exports aiohttp.http_writer's StreamWriter). Load lowers modules in waves; every fact
// here only grows as modules are added, so each wave continues from the
// last one's fixed point instead of starting over.
type exportIndex struct {
	names map[string][]string
	// in holds the same names as a set: a module can export thousands.
	in map[exportKey]bool
	// own records the module names whose own definitions are indexed
	// (a module reached under an alias is indexed under each name).
	own map[string]bool
	// marked are the bridge names found so far, by module.
	marked map[string]map[string]bool
}

// exportKey is one name of one module.
type exportKey struct{ mod, name string }

func newExportIndex() *exportIndex {
	return &exportIndex{names: map[string][]string{}, in: map[exportKey]bool{}, own: map[string]bool{}, marked: map[string]map[string]bool{}}
}

// has reports whether mod exports name.
func (x *exportIndex) has(mod, name string) bool { return x.in[exportKey{mod, name}] }

// add records name as an export of mod, once; it reports whether it was
// new.
func (x *exportIndex) add(mod, name string) bool {
	if x.has(mod, name) {
		return false
	}
	x.in[exportKey{mod, name}] = true
	x.names[mod] = append(x.names[mod], name)
	return true
}

// update brings the index to the fixed point over infos, a superset of
// the modules of the previous update.
func (x *exportIndex) update(infos map[string]*moduleInfo) {
	for name, mi := range infos {
		if x.own[name] {
			continue
		}
		x.own[name] = true
		for g, b := range mi.globals {
			if b.fn != nil && b.fn.IsAsync() || b.cls != nil && hasAsyncMethod(b.cls) {
				x.add(name, g)
			}
		}
	}
	// What bridgeNames reads of each module is read on every core first.
	var mis []*moduleInfo
	seen := map[*moduleInfo]bool{}
	for _, mi := range infos {
		if mi.bridge == nil && !seen[mi] {
			seen[mi] = true
			mis = append(mis, mi)
		}
	}
	parallel(len(mis), 0, func(i int) { mis[i].bridgeInfo() })
	for mod, names := range x.bridgeNames(infos) {
		for _, g := range names {
			x.add(mod, g)
		}
	}
	for changed := true; changed; {
		changed = false
		for name, mi := range infos {
			for _, imp := range mi.mod.Imports {
				if imp.Name == "" || imp.Name == "*" || x.has(name, imp.Alias) {
					continue
				}
				if x.has(imp.Module, imp.Name) || len(x.names[joinDotted(imp.Module, imp.Name)]) > 0 {
					changed = x.add(name, imp.Alias) || changed
				}
			}
		}
	}
}

// bridgeNames finds each lowered module's module-level names on the
// thread side of async code, which an importer must mention to be lowered
// too: synchronous functions that start an event loop, read a ContextVar
// or hand work to a thread, classes with such a method, module-level
// ContextVars and executors — directly, or by mentioning such a name of
// the same module or of a module they import. A chain of synchronous
// layers between a coroutine and asyncio.run, or between a thread hop and
// a ContextVar read, is then lowered however many modules it crosses. It
// returns the names marked by this call.
func (x *exportIndex) bridgeNames(infos map[string]*moduleInfo) map[string][]string {
	marked := x.marked
	has := func(mod, name string) bool { return marked[mod][name] }
	out := map[string][]string{}
	for changed := true; changed; {
		changed = false
		for name, mi := range infos {
			bi := mi.bridgeInfo()
			for _, c := range bi.cands {
				if has(name, c.name) {
					continue
				}
				found := c.base
				for _, m := range c.mentions {
					if found {
						break
					}
					if has(name, m) {
						found = true
					} else if ref, ok := bi.names[m]; ok && has(ref.module, ref.name) {
						found = true
					} else {
						for _, mod := range bi.modules {
							if has(mod, m) {
								found = true
								break
							}
						}
					}
				}
				if found {
					if marked[name] == nil {
						marked[name] = map[string]bool{}
					}
					marked[name][c.name] = true
					out[name] = append(out[name], c.name)
					changed = true
				}
			}
		}
	}
	return out
}

package asyncir

// Versions is the range [Min, Max) of Python versions on which a block can
// run, from the sys.version_info tests that guard it; 0 leaves a side
// open, so the zero value is every version.
type Versions struct{ Min, Max Version }

// RunsFrom reports whether the block can run on some version v or later.
func (r Versions) RunsFrom(v Version) bool { return r.Max == 0 || r.Max > v }

// Intersect is the versions both ranges allow.
func (r Versions) Intersect(o Versions) Versions {
	if o.Min > r.Min {
		r.Min = o.Min
	}
	if o.Max != 0 && (r.Max == 0 || o.Max < r.Max) {
		r.Max = o.Max
	}
	return r
}

// Complement is the versions r excludes, when that is one range (r open
// on one side); ok is false otherwise.
func (r Versions) Complement() (Versions, bool) {
	switch {
	case r.Min != 0 && r.Max == 0:
		return Versions{Max: r.Min}, true
	case r.Min == 0 && r.Max != 0:
		return Versions{Min: r.Max}, true
	}
	return Versions{}, false
}

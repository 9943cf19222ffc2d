package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strings"
)

// Components splits files into the connected parts of the graph "may
// import": file A is joined with file B when a name A imports (or a
// package prefix of it) is a module name B could have, or when B could be
// a submodule of a name A imports (after "import a", a.b is reachable as
// an attribute). Every module name a file can have — its name climbing
// through __init__.py files, its name from a namespace root (pyfront's
// namespace.go), with or without a src/ directory — is a dotted suffix of
// its path, so matching against every suffix over-approximates the
// frontend's resolution. A file without a hash (unreadable) is alone.
// The result lists the member indices of each component, in file order.
func Components(files []File) [][]int {
	exact := map[string][]int{} // module name → files that may have it
	under := map[string][]int{} // package name → files that may be below it
	for i, f := range files {
		parts := moduleParts(f.Path)
		for s := range parts {
			name := strings.Join(parts[s:], ".")
			exact[name] = append(exact[name], i)
			for e := s + 1; e < len(parts); e++ {
				pkg := strings.Join(parts[s:e], ".")
				under[pkg] = append(under[pkg], i)
			}
		}
	}
	u := newUnion(len(files))
	for i, f := range files {
		for _, name := range f.Imports {
			for _, j := range under[name] {
				u.join(i, j)
			}
			for p := name; p != ""; p = parent(p) {
				for _, j := range exact[p] {
					u.join(i, j)
				}
			}
		}
	}
	index := map[int]int{}
	var out [][]int
	for i := range files {
		r := u.find(i)
		k, ok := index[r]
		if !ok {
			k = len(out)
			index[r] = k
			out = append(out, nil)
		}
		out[k] = append(out[k], i)
	}
	return out
}

// ComponentKey hashes the members' paths and content hashes.
func ComponentKey(files []File, members []int) string {
	h := sha256.New()
	for _, i := range members {
		h.Write([]byte(files[i].Path + "\x00" + files[i].Hash + "\x00"))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// moduleParts are the trailing path components of a Python file that can
// be parts of a module name (identifiers), the extension and a final
// __init__ dropped: a/b/pkg/__init__.py → [a b pkg] when all are
// identifiers.
func moduleParts(path string) []string {
	path = filepath.ToSlash(filepath.Clean(path))
	path = strings.TrimSuffix(strings.TrimSuffix(path, ".py"), ".pyi")
	all := strings.Split(path, "/")
	if all[len(all)-1] == "__init__" {
		all = all[:len(all)-1]
	}
	start := len(all)
	for start > 0 && identifier(all[start-1]) {
		start--
	}
	return all[start:]
}

func identifier(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r != '_' && !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') && !(i > 0 && r >= '0' && r <= '9') && r < 0x80 {
			return false
		}
	}
	return true
}

func parent(name string) string {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return ""
	}
	return name[:i]
}

// union is a union-find over 0..n-1.
type union []int

func newUnion(n int) union {
	u := make(union, n)
	for i := range u {
		u[i] = i
	}
	return u
}

func (u union) find(i int) int {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

func (u union) join(a, b int) {
	u[a], u[b] = u.find(a), u.find(b)
	u[u[a]] = u[b]
}

package pyfront

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// A package's synchronous verdict (libsync.go) is kept with what it was
// read from, each checked when the verdict is used: for "sync", every
// directory of the package (a file added or removed changes its
// directory's time) and every file scanned, by size and modification
// time — an upgrade or an edit in place anywhere in the package shows,
// which the package directory's own time alone did not; for "async", the
// one file with the async construct. Checking costs a stat per file
// (sqlalchemy: 238 files and 52 directories), far less than the scan.

// verdict is what scanSync learns of a package.
type verdict struct {
	sync    bool
	imports []string
	stamps  []fileStamp
}

// fileStamp is a file (size and modification time) or a directory
// (modification time) as it was when read.
type fileStamp struct {
	path      string
	size, mod int64
	dir       bool
}

func stampOf(path string, dir bool) (fileStamp, bool) {
	info, err := os.Stat(path)
	if err != nil || info.IsDir() != dir {
		return fileStamp{}, false
	}
	st := fileStamp{path: path, mod: info.ModTime().UnixNano(), dir: dir}
	if !dir {
		st.size = info.Size()
	}
	return st, true
}

// encode writes the verdict, its imports and its stamps, one a line.
func (v verdict) encode() []byte {
	var b strings.Builder
	if v.sync {
		b.WriteString("sync\n")
	} else {
		b.WriteString("async\n")
	}
	b.WriteString(strings.Join(v.imports, " ") + "\n")
	for _, st := range v.stamps {
		kind := "f"
		if st.dir {
			kind = "d"
		}
		fmt.Fprintf(&b, "%s %d %d %s\n", kind, st.size, st.mod, st.path)
	}
	return []byte(b.String())
}

// parseVerdict reads an encoded verdict; ok is false when it does not
// parse, has nothing to check it by, or anything it was read from has
// changed since.
func parseVerdict(b []byte) (v verdict, ok bool) {
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(lines) < 3 || lines[0] != "sync" && lines[0] != "async" {
		return verdict{}, false
	}
	v.sync, v.imports = lines[0] == "sync", strings.Fields(lines[1])
	for _, l := range lines[2:] {
		f := strings.SplitN(l, " ", 4)
		if len(f) != 4 || f[0] != "f" && f[0] != "d" {
			return verdict{}, false
		}
		size, err1 := strconv.ParseInt(f[1], 10, 64)
		mod, err2 := strconv.ParseInt(f[2], 10, 64)
		if err1 != nil || err2 != nil {
			return verdict{}, false
		}
		want := fileStamp{path: f[3], size: size, mod: mod, dir: f[0] == "d"}
		if got, ok := stampOf(want.path, want.dir); !ok || got != want {
			return verdict{}, false
		}
	}
	return v, true
}

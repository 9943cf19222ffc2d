package cache

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"io"
	"os"
	"sync"
)

// FormatVersion changes whenever Entry does.
const FormatVersion = "1"

// Version identifies the running binary: a rebuilt asynclint may find
// other things in the same files, so its entries are not reused. It is
// the Go build ID the linker writes into every executable (a hash of its
// inputs and content: it changes with any change to the code), read from
// the ELF note or, on other formats, from the start of the text, where
// the toolchain puts it; failing both, a hash of the whole executable.
var Version = sync.OnceValue(func() string {
	h := sha256.New()
	io.WriteString(h, FormatVersion+"\x00")
	exe, err := os.Executable()
	if err == nil {
		if id := buildID(exe); id != nil {
			h.Write(id)
		} else if f, err := os.Open(exe); err == nil {
			io.Copy(h, f)
			f.Close()
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
})

// buildID returns the Go build ID of the executable at path, or nil.
func buildID(path string) []byte {
	if f, err := elf.Open(path); err == nil {
		defer f.Close()
		if s := f.Section(".note.go.buildid"); s != nil {
			if b, err := s.Data(); err == nil && len(b) > 16 {
				return b
			}
		}
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	const marker = "\xff Go build ID: \""
	i := bytes.Index(head, []byte(marker))
	if i < 0 {
		return nil
	}
	rest := head[i+len(marker):]
	j := bytes.IndexByte(rest, '"')
	if j <= 0 {
		return nil
	}
	return rest[:j]
}

package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"sync"
)

// FormatVersion changes whenever Entry does.
const FormatVersion = "1"

// Version identifies the running binary: a rebuilt asynclint may find
// other things in the same files, so its entries are not reused. The
// executable's hash is computed once per process.
var Version = sync.OnceValue(func() string {
	h := sha256.New()
	io.WriteString(h, FormatVersion+"\x00")
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			io.Copy(h, f)
			f.Close()
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
})

package pyfront

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Synchronous packages. An installed package none of whose files
// mentions an async construct (asyncMarkersStrict) defines no coroutine
// function, no class with async methods and nothing that returns an
// awaitable, so nothing the project takes from it can be awaited: it is
// not read at all (click, cryptography, pyasn1 and the like are large).
// The verdict costs one scan of the package, kept in the cache directory
// by the package's path and modification time.

// asyncMarkersStrict are the byte strings that make a package async. The
// word "async" alone is too common in prose ("asynchronous").
var asyncMarkersStrict = [][]byte{[]byte("async def"), []byte("await "), []byte("Awaitable"), []byte("Coroutine"),
	[]byte("coroutine"), []byte("Future"), []byte("create_task"), []byte("ensure_future"), []byte("async with"), []byte("async for"),
	[]byte("__aenter__"), []byte("__await__")}

// syncOnly reports whether the top-level package top, found in site
// directory i, is entirely synchronous.
func (lib *Library) syncOnly(i int, top string) bool {
	key := lib.env.Sites[i] + "\x00" + top
	lib.mu.Lock()
	v, ok := lib.sync[key]
	lib.mu.Unlock()
	if ok {
		return v
	}
	v = lib.scanSync(filepath.Join(lib.env.Sites[i], top))
	lib.mu.Lock()
	lib.sync[key] = v
	lib.mu.Unlock()
	return v
}

func (lib *Library) scanSync(dir string) bool {
	info, err := os.Stat(dir)
	switch {
	case err == nil && !info.IsDir(), isFile(dir + ".py"), isFile(dir + ".pyi"):
		return false // a single-file module is read as it is
	case err != nil:
		return true // no such package: nothing async in it
	}
	entry := ""
	if lib.cacheDir != "" {
		h := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d\x00%s", dir, info.ModTime().UnixNano(), libCacheVersion)))
		entry = filepath.Join(lib.cacheDir, "pkg-"+hex.EncodeToString(h[:12]))
		if b, err := os.ReadFile(entry); err == nil {
			return string(b) == "sync"
		}
	}
	sync := true
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !sync {
			return filepath.SkipAll
		}
		if d.IsDir() || !strings.HasSuffix(p, ".py") && !strings.HasSuffix(p, ".pyi") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		for _, m := range asyncMarkersStrict {
			if bytes.Contains(b, m) {
				sync = false
				return filepath.SkipAll
			}
		}
		return nil
	})
	if entry != "" && os.MkdirAll(lib.cacheDir, 0o755) == nil {
		verdict := "async"
		if sync {
			verdict = "sync"
		}
		os.WriteFile(entry, []byte(verdict), 0o644)
	}
	return sync
}

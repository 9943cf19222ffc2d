package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// Key hashes what a cached result depends on into an entry name; parts
// are encoded as JSON, so a struct contributes every exported field.
func Key(parts ...any) string {
	h := sha256.New()
	enc := json.NewEncoder(h)
	for _, p := range parts {
		if err := enc.Encode(p); err != nil {
			// A part that cannot be encoded must not share a key with
			// another such part.
			enc.Encode(err.Error())
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

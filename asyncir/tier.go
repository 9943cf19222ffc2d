package asyncir

// BlockTier says what a blocking call waits on, from the costliest to the
// cheapest. The policy layer turns it into a severity (waiting is a
// warning, file-system metadata is info); the may-block summary prefers
// the costliest reachable leaf as its witness.
type BlockTier int

const (
	// TierNone: not a blocking call (or not known to be one).
	TierNone BlockTier = iota
	// TierMetadata: file-system metadata (stat, exists, listdir, mkdir).
	TierMetadata
	// TierData: reading or writing file data (open, read_text, copy).
	TierData
	// TierWaiting: waiting on the clock, the network, DNS, a subprocess,
	// another thread, a lock, a queue or a future.
	TierWaiting
)

var tierNames = [...]string{"none", "metadata", "data", "waiting"}

func (t BlockTier) String() string {
	if t < 0 || int(t) >= len(tierNames) {
		return "none"
	}
	return tierNames[t]
}

// ParseBlockTier is the inverse of BlockTier.String for the blocking tiers.
func ParseBlockTier(s string) (BlockTier, bool) {
	for i, n := range tierNames {
		if i > 0 && n == s {
			return BlockTier(i), true
		}
	}
	return TierNone, false
}

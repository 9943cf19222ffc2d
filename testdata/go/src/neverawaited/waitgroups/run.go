package waitgroups

// RunLeaks drives each stuck Wait in a goroutine of its own, which then
// holds the only reference to the wait group.
func RunLeaks() {
	go processAll([]string{""})
	go fetchPair("a", "b")
}

// RunClean drives the fixed twins down the same paths.
func RunClean() {
	processAllDeferred([]string{"", "a"})
	processAllGo([]string{"", "a"})
	fetchPairFixed("a", "b")
	drain([]string{"a", "b"})
	drain(nil)
}

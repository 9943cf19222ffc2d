package verify

// knownFailures are the repository cases the runtime currently refutes,
// each with the reviewed reason; fixing the case means deleting its line.
var knownFailures = map[string]string{}

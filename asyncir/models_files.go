package asyncir

// File objects: what open() and its relatives return, and the classes a
// parameter annotation names, read and write file data when their methods
// are called (the file-data tier, as open itself). In-memory files
// (io.StringIO, io.BytesIO) are not file objects here.

// fileClass is the class every file object's methods are modelled on.
const fileClass = "io.IOBase"

// fileMethods read, write or move within a file.
var fileMethods = []string{"read", "read1", "readinto", "readline", "readlines", "write", "writelines", "seek", "truncate", "flush"}

// fileClasses are the classes of file objects: io's concrete classes, the
// typing protocols annotations use, and tempfile's wrapper.
var fileClasses = []string{
	"io.TextIOWrapper", "io.BufferedReader", "io.BufferedWriter", "io.BufferedRandom",
	"io.BufferedRWPair", "io.FileIO", "io.TextIOBase", "io.BufferedIOBase", "io.RawIOBase",
	"typing.IO", "typing.TextIO", "typing.BinaryIO",
	"tempfile._TemporaryFileWrapper",
}

// addFiles adds the file-object tables to m: the classes, their methods,
// and the calls that return a file object. Opening is blocking where it
// touches the disk (open, gzip.open, tempfile.TemporaryFile); os.fdopen
// wraps a descriptor, so it only returns one. Not file objects here: a
// SpooledTemporaryFile stays in memory until it outgrows max_size (never
// with the default 0), and gzip.GzipFile/bz2.BZ2File/lzma.LZMAFile are
// most often built around an in-memory fileobj (compressing a response),
// where they do no I/O; gzip.open and friends with a path do.
func addFiles(m *Models) {
	m.Classes[fileClass] = &ClassModel{Name: fileClass, EnterSelf: true}
	for _, c := range fileClasses {
		m.Classes[c] = &ClassModel{Name: c, Bases: []string{fileClass}, EnterSelf: true}
	}
	for _, c := range []string{"typing.IO", "typing.TextIO", "typing.BinaryIO"} {
		m.Classes[c].Protocol = true
	}
	for _, meth := range fileMethods {
		name := fileClass + "." + meth
		m.APIs[name] = &APIModel{Name: name, Blocks: true, Tier: TierData, Callback: -1}
	}
	opens := map[string]string{
		"builtins.open": fileClass, "io.open": fileClass, "codecs.open": fileClass,
		"pathlib.Path.open": fileClass, "gzip.open": fileClass, "bz2.open": fileClass,
		"lzma.open": fileClass, "tempfile.TemporaryFile": "tempfile._TemporaryFileWrapper",
		"tempfile.NamedTemporaryFile": "tempfile._TemporaryFileWrapper",
	}
	for name, cls := range opens {
		a := m.APIs[name]
		if a == nil {
			a = &APIModel{Name: name, Blocks: true, Tier: TierData, Callback: -1}
		} else {
			c := *a
			a = &c
		}
		a.ReturnsClass = cls
		m.APIs[name] = a
	}
	m.APIs["os.fdopen"] = &APIModel{Name: "os.fdopen", ReturnsClass: fileClass, Callback: -1}
	// io.FileIO(path) opens the file when constructed.
	m.APIs["io.FileIO"] = &APIModel{Name: "io.FileIO", Blocks: true, Tier: TierData, ReturnsClass: "io.FileIO", Callback: -1}
	// Parsing certificates and credentials reads files: a CA bundle given
	// to create_default_context (without one it only points OpenSSL at
	// the system paths), load_verify_locations, load_cert_chain, netrc.
	m.Classes["ssl.SSLContext"] = &ClassModel{Name: "ssl.SSLContext"}
	m.APIs["ssl.create_default_context"] = &APIModel{Name: "ssl.create_default_context", Blocks: true, Tier: TierData,
		ReturnsClass: "ssl.SSLContext", Callback: -1, BlocksOnlyWith: []string{"cafile", "capath", "cadata"}}
	for _, meth := range []string{"load_verify_locations", "load_cert_chain", "load_dh_params"} {
		name := "ssl.SSLContext." + meth
		m.APIs[name] = &APIModel{Name: name, Blocks: true, Tier: TierData, Callback: -1}
	}
	m.APIs["netrc.netrc"] = &APIModel{Name: "netrc.netrc", Blocks: true, Tier: TierData, ReturnsClass: "netrc.netrc", Callback: -1}
	m.Classes["netrc.netrc"] = &ClassModel{Name: "netrc.netrc"}
	for k, v := range map[string]string{"_io.TextIOWrapper": "io.TextIOWrapper", "_io.BufferedReader": "io.BufferedReader",
		"_io.BufferedWriter": "io.BufferedWriter", "_io.BufferedRandom": "io.BufferedRandom", "_io.FileIO": "io.FileIO",
		"typing_extensions.IO": "typing.IO", "typing_extensions.TextIO": "typing.TextIO", "typing_extensions.BinaryIO": "typing.BinaryIO"} {
		m.Aliases[k] = v
	}
}

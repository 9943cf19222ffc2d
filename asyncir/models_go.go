package asyncir

// The Go standard library (and x/sync) tables. Names are the package path
// and the object: "time.Sleep", "database/sql.DB.Query" (methods by their
// receiver's type name, pointer or not), "context.Context.Done".

func uncancellable(name, replacement string) *APIModel {
	return &APIModel{Name: name, Blocks: true, Replacement: replacement, Callback: -1}
}

// GoModels returns a fresh copy of the Go tables.
func GoModels() *Models {
	m := &Models{APIs: map[string]*APIModel{}, Classes: map[string]*ClassModel{}, Aliases: map[string]string{}}
	add := func(as ...*APIModel) {
		for _, a := range as {
			m.APIs[a.Name] = a
		}
	}
	const (
		sleepFix = "a `select` on `time.After(d)` and `ctx.Done()`"
		httpFix  = "`http.NewRequestWithContext` and `Client.Do`"
		dialFix  = "`net.Dialer.DialContext`"
		execFix  = "`exec.CommandContext`"
	)
	add(
		// Calls that block and cannot be interrupted by a context.
		uncancellable("time.Sleep", sleepFix),
		uncancellable("net/http.Get", httpFix),
		uncancellable("net/http.Head", httpFix),
		uncancellable("net/http.Post", httpFix),
		uncancellable("net/http.PostForm", httpFix),
		uncancellable("net/http.Client.Get", httpFix),
		uncancellable("net/http.Client.Head", httpFix),
		uncancellable("net/http.Client.Post", httpFix),
		uncancellable("net/http.Client.PostForm", httpFix),
		// NewRequest itself does not block, but the request it builds
		// carries no context, so sending it cannot be cancelled: it is
		// reported when the request is sent.
		&APIModel{Name: "net/http.NewRequest", Blocks: true, BlocksWhenSent: true, Replacement: "`http.NewRequestWithContext`", Callback: -1},
		&APIModel{Name: "net/http.Client.Do", SendsRequest: true, Callback: -1},
		&APIModel{Name: "net/http.RoundTripper.RoundTrip", SendsRequest: true, Callback: -1},
		&APIModel{Name: "net/http.Transport.RoundTrip", SendsRequest: true, Callback: -1},
		uncancellable("net.Dial", dialFix),
		uncancellable("net.DialTimeout", dialFix),
		uncancellable("net.Dialer.Dial", dialFix),
		uncancellable("net.LookupHost", "`net.Resolver.LookupHost`"),
		uncancellable("net.LookupIP", "`net.Resolver.LookupIPAddr`"),
		uncancellable("os/exec.Cmd.Run", execFix),
		uncancellable("os/exec.Cmd.Output", execFix),
		uncancellable("os/exec.Cmd.CombinedOutput", execFix),
		uncancellable("os/exec.Cmd.Wait", execFix),
	)
	for _, typ := range []string{"DB", "Tx", "Stmt", "Conn"} {
		for _, meth := range []string{"Query", "QueryRow", "Exec", "Ping", "Begin", "Prepare"} {
			name := "database/sql." + typ + "." + meth
			add(uncancellable(name, "`"+meth+"Context`"))
		}
	}
	add(
		&APIModel{Name: "context.Background", RootContext: true, Callback: -1},
		&APIModel{Name: "context.TODO", RootContext: true, Callback: -1},
		&APIModel{Name: "context.WithCancel", CancelledByFunc: true, DerivesContext: true, Callback: -1},
		&APIModel{Name: "context.WithCancelCause", CancelledByFunc: true, DerivesContext: true, Callback: -1},
		&APIModel{Name: "context.WithTimeout", DerivesContext: true, Callback: -1},
		&APIModel{Name: "context.WithTimeoutCause", DerivesContext: true, Callback: -1},
		&APIModel{Name: "context.WithDeadline", DerivesContext: true, Callback: -1},
		&APIModel{Name: "context.WithDeadlineCause", DerivesContext: true, Callback: -1},
		&APIModel{Name: "context.WithValue", DerivesContext: true, Callback: -1},
		&APIModel{Name: "runtime/pprof.SetGoroutineLabels", ContextValuesOnly: true, Callback: -1},
		&APIModel{Name: "runtime/pprof.Label", ContextValuesOnly: true, Callback: -1},
		&APIModel{Name: "runtime/pprof.ForLabels", ContextValuesOnly: true, Callback: -1},
		&APIModel{Name: "runtime/trace.Log", ContextValuesOnly: true, Callback: -1},
		&APIModel{Name: "runtime/trace.Logf", ContextValuesOnly: true, Callback: -1},
		&APIModel{Name: "golang.org/x/sync/errgroup.WithContext", CancelledByWait: true, ReturnsAwait: WaitGroup, Callback: -1},
		&APIModel{Name: "sync.WaitGroup.Add", StartsWork: true, Callback: -1},
		&APIModel{Name: "sync.WaitGroup.Go", StartsWork: true, Spawns: true, Callback: 0},
		&APIModel{Name: "sync.WaitGroup.Wait", Waits: true, Callback: -1},
		&APIModel{Name: "golang.org/x/sync/errgroup.Group.Go", StartsWork: true, Spawns: true, Callback: 0},
		&APIModel{Name: "golang.org/x/sync/errgroup.Group.TryGo", StartsWork: true, Spawns: true, Callback: 0},
		&APIModel{Name: "golang.org/x/sync/errgroup.Group.Wait", Waits: true, Callback: -1},
		&APIModel{Name: "sync.WaitGroup.Done", Done: true, Callback: -1},
		&APIModel{Name: "time.After", Timer: true, Callback: -1},
		&APIModel{Name: "time.Tick", Timer: true, Callback: -1},
		&APIModel{Name: "time.Ticker.C", Timer: true, Callback: -1},
		&APIModel{Name: "time.Timer.C", Timer: true, Callback: -1},
	)
	for _, typ := range []string{"sync.Mutex", "sync.RWMutex"} {
		add(&APIModel{Name: typ + ".Lock", Lock: LockWrite, Callback: -1},
			&APIModel{Name: typ + ".Unlock", Lock: UnlockWrite, Callback: -1})
	}
	add(&APIModel{Name: "sync.RWMutex.RLock", Lock: LockRead, Callback: -1},
		&APIModel{Name: "sync.RWMutex.RUnlock", Lock: UnlockRead, Callback: -1},
		&APIModel{Name: "sync.Cond.Wait", Cond: CondWait, Callback: -1},
		&APIModel{Name: "sync.Cond.Signal", Cond: CondSignal, Callback: -1},
		&APIModel{Name: "sync.Cond.Broadcast", Cond: CondSignal, Callback: -1})
	// The calls that mark the running test failed: what follows them
	// only runs when the test has already failed.
	for _, typ := range []string{"T", "B", "F", "TB", "common"} {
		for _, meth := range []string{"Error", "Errorf", "Fatal", "Fatalf", "Fail", "FailNow"} {
			add(&APIModel{Name: "testing." + typ + "." + meth, FailsTest: true, Callback: -1})
		}
	}
	// testify's unconditional failures, as functions and as methods of
	// the assertion objects (assert.New(t), require.New(t)).
	for _, pkg := range []string{"github.com/stretchr/testify/assert", "github.com/stretchr/testify/require"} {
		for _, fn := range []string{"Fail", "Failf", "FailNow", "FailNowf"} {
			add(&APIModel{Name: pkg + "." + fn, FailsTest: true, Callback: -1},
				&APIModel{Name: pkg + ".Assertions." + fn, FailsTest: true, Callback: -1})
		}
	}
	// testify's assert checks return false when they failed the test:
	// the branch of if !assert.NoError(t, err) { return } runs only
	// then.
	for _, fn := range []string{"Equal", "EqualValues", "NotEqual", "Nil", "NotNil", "NoError", "Error", "ErrorIs",
		"ErrorAs", "ErrorContains", "EqualError", "True", "False", "Len", "Empty", "NotEmpty", "Contains",
		"NotContains", "Zero", "NotZero", "Same", "IsType", "Greater", "GreaterOrEqual", "Less", "LessOrEqual",
		"Eventually", "Never", "Condition", "Panics", "NotPanics", "Subset", "ElementsMatch", "JSONEq"} {
		for _, f := range []string{fn, fn + "f"} {
			add(&APIModel{Name: "github.com/stretchr/testify/assert." + f, FailsTestWhenFalse: true, Callback: -1},
				&APIModel{Name: "github.com/stretchr/testify/assert.Assertions." + f, FailsTestWhenFalse: true, Callback: -1})
		}
	}
	// The calls that never come back: what follows them never runs. A
	// frontend that reads the standard library's code learns this from
	// it; one that reads only its types (export data) needs the table.
	exits := []string{"os.Exit", "syscall.Exit", "runtime.Goexit"}
	for _, fn := range []string{"Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln"} {
		exits = append(exits, "log."+fn, "log.Logger."+fn)
	}
	for _, typ := range []string{"T", "B", "F", "common"} {
		for _, meth := range []string{"Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow"} {
			exits = append(exits, "testing."+typ+"."+meth)
		}
	}
	for _, name := range exits {
		if a := m.APIs[name]; a != nil {
			a.Exits = true
		} else {
			add(&APIModel{Name: name, Exits: true, Callback: -1})
		}
	}
	m.Classes["sync.WaitGroup"] = &ClassModel{Name: "sync.WaitGroup", Await: WaitGroup}
	m.Classes["golang.org/x/sync/errgroup.Group"] = &ClassModel{Name: "golang.org/x/sync/errgroup.Group", Await: WaitGroup}
	m.Classes["context.Context"] = &ClassModel{Name: "context.Context", Await: Context}
	return m
}

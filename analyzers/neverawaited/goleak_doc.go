package neverawaited

// goDoc holds the sections of the Go rules; the Analyzer's Doc is the
// family doc followed by it.
const goDoc = `

## AL151: goroutine-send-leak

### What it does
Finds a goroutine that sends on a channel (unbuffered, or with fewer
buffer slots than it sends) when the function that made the channel and
started the goroutine can return before receiving every value: a ` + "`select`" + `
with a ` + "`ctx.Done()`" + ` or ` + "`time.After`" + ` case, an early error return, a loop
that stops at the first result, or a consumer that takes the first value
of a producer that never stops (a loop with no condition and no return
after its send: no lone receive can be its last). A ` + "`select`" + ` case that
receives from a stop channel the function made and nobody ever sends on
or closes never fires: the send beside it waits as a plain one. The
channel may also come back from a
function of the package whose goroutine feeds it (a generator ranged
over until an early ` + "`break`" + `, a future given up on); the report is then at
that goroutine's send, once however many callers abandon it, each caller
related. A goroutine that delivers its outcome on one of
several channels (an error on ` + "`errs`" + `, or a value or ` + "`close`" + ` on ` + "`done`" + `,
never both) is judged on the group: receiving from any of them takes
it. A channel held in an unexported struct field is judged over the
package: a goroutine's send outside a ` + "`select`" + ` leaks when every receive of
the field is a ` + "`select`" + ` case beside one that leaves (` + "`<-n.stop`" + `,
` + "`ctx.Done()`" + `). A reply channel handed to a replier of the package (sent
over a request channel, or in a request's field) leaks when the replier
sends without a ` + "`select`" + ` and the client can stop waiting. A channel filed
in a map held in a field (` + "`s.conns[id] = ch`" + `) is known by that map: the
goroutine that looks it up and sends (` + "`s.conns[id] <- r`" + `) leaks when the
function that filed it waits in a ` + "`select`" + ` it can leave. So is one appended
to a slice held in a field (` + "`s.clients = append(s.clients, ch)`" + `), read back
from the slice or from a copy of it taken under a lock (a broker that
sends to every client while a client's handler has returned). A getter
(` + "`func (c *conn) out() chan T { return c.outgoing }`" + `) reads its field: its
callers use that field's channel. A call of a helper of the package that
only starts a goroutine with its parameters (` + "`s.recv(reqCh, errCh)`" + ` whose
body is ` + "`go func() { … }()`" + `) is that go statement, made with the caller's
channels. A channel handed
to a helper of the package that only receives from it (` + "`forward(inCh)`" + `,
ranging until an error) counts as received by the caller as far as the
helper receives on every path: a helper that can return early leaves the
producer blocked. A goroutine that sends in a loop on an unexported field
channel that nothing in the package receives from, closes or hands on
blocks once the buffer is full. A leak that can
only happen after the test failed (past a
` + "`t.Errorf`" + ` or testify's ` + "`assert.Fail`" + `, or down the branch of
` + "`if !assert.NoError(t, err) { return }`" + `) is reported at info severity.
So is, in a test file, a leak that only happens once a timer's case
fired in a function that fails the test (` + "`case <-time.After(d):`" + ` that
just stops waiting, the test then failing on what it did not receive):
the timeout guards the test against a hang and fires when the test
fails or its machine is slow. A test helper that gives up on a timer as
part of its work (a simulated transport returning nil) leaks on passing
runs and stays a warning, as does every such timeout outside tests.

Between goroutines: a producer goroutine that sends in a loop outside a
` + "`select`" + ` on a channel whose only receiver, another goroutine, can
return from its receiving loop before the channel is closed (the first
error, the first match). And an unbuffered channel a function makes only
for the goroutines it starts, when one of them sends outside a ` + "`select`" + `
and the others receive only as a ` + "`select`" + ` case beside one after which
they return (a timeout goroutine and a watcher that returns once the
server stopped). Under a lock: a send on a struct field channel
while holding a mutex that every receiver of the field must lock before
it receives (each waits for the other; the receiver's ` + "`Lock`" + ` is reported
as AL155), or that the receiver's loop locks after each receive while
the sender sends again without releasing it (a loop of sends under the
lock); the send may be in a helper of the package that only sends
(` + "`emit`" + `). After ` + "`Wait`" + `: goroutines counted by a wait group or errgroup
that send their results on a channel the function reads only after
` + "`Wait`" + ` returns (reported with AL156 at the ` + "`Wait`" + `).

A send on a nil channel outside a ` + "`select`" + ` blocks forever whatever other
goroutines do: a channel declared (` + "`var out chan T`" + `) and never made, an
unexported struct field or package variable that no code of the package
assigns (a constructor that forgets ` + "`make`" + `), or a variable made on some
paths only, when every path on from there reaches the send.

### Why is this bad?
A send on a channel nobody will read again blocks forever. The goroutine,
and everything it references, is never freed: a leak that grows with every
request.

### Example
` + "```go" + `
func fetch(ctx context.Context) (string, error) {
	ch := make(chan string)
	go func() { ch <- slow() }()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err() // the goroutine blocks on ch forever
	}
}
` + "```" + `

### Use instead
` + "```go" + `
	ch := make(chan string, 1) // the send always completes
` + "```" + `
or make the goroutine's send a ` + "`select`" + ` that also watches ` + "`ctx.Done()`" + `.

### References
- [Go blog: Go Concurrency Patterns: Timing out, moving on](https://go.dev/blog/concurrency-timeouts)

## AL152: goroutine-receive-leak

### What it does
Finds a goroutine that ranges over (or receives from) a channel that only
the function that started it sends on and closes, when that function can
return without closing the channel (or, for a single receive, without
sending on it). A send inside a loop counts as made: which turn sends
(` + "`if i == 222`" + ` of 10000 turns) is the loop's data to decide.

The other way round: a function that waits with a plain receive for the
one goroutine it started to send on or close a channel, when that
goroutine can return on some path (an error path) without doing either;
a goroutine handed a channel its starter made never takes the branch of
` + "`if done != nil`" + ` that skips the send. In a test file this is info: the test hangs instead of failing, and its
timeout reports it. A goroutine ranging over a ` + "`time.Ticker`" + `'s or
` + "`time.Timer`" + `'s channel with no other way out of its loop, when the
function that started it stops the ticker: ` + "`Stop`" + ` does not close the
channel. A receive on a struct field channel while holding a mutex that
every sender must lock first.

Struct fields, over the package: a receive outside a ` + "`select`" + ` on an
unexported field channel that nothing closes, whose every send is a
` + "`select`" + ` case in a goroutine beside a case that leaves (` + "`<-w.stopCh`" + `):
once that goroutine stops, the receive (a ` + "`Wait`" + ` called after ` + "`Stop`" + `)
blocks forever. And a stop channel several goroutines wait on (a go
statement in a loop, or several) that the package sends on once and never
closes: the send wakes one of them, the others wait forever. And a
goroutine that ranges over an unexported field channel nothing closes,
while the package stops that type's goroutines by closing another of its
channel fields (` + "`close(d.quit)`" + `) or by calling a context cancel func
held in one of its fields (` + "`p.cancel()`" + `), which the loop never watches and
has no other way out of: after ` + "`Stop`" + ` it waits on its range forever. A
loop that receives from a field channel until it is closed, when the only
senders are goroutines that can return and nothing closes it (a fetcher
that stops on a flag). A goroutine whose only way out is a ` + "`select`" + `'s
` + "`ctx.Done()`" + ` case, when that context comes from ` + "`context.WithCancel`" + ` and its
cancel func is dropped or kept in an unexported field nothing reads: the
context is never done (a ` + "`Done`" + ` case of such a context, or of
` + "`context.Background()`" + `, never counts as a way to stop either). A
ticker held in a struct field and stopped by another method counts as
stopped for the ticker loop above; a goroutine's single receive of a
timer's channel, the timer held in a field that another method stops and
nothing resets, waits for a tick that never comes after ` + "`Stop`" + `. So does a
goroutine waiting on a channel its starter registered with
` + "`signal.Notify`" + ` once the starter calls ` + "`signal.Stop`" + `: deliveries end, and
the channel is never closed.

A goroutine waiting, outside a ` + "`select`" + `, for an unexported field channel
to be closed (nothing sends on it), started by the function that makes
the channel: when the package sets the field to nil instead of closing
it (the goroutine waits on the old channel, or on nil at its next read);
or when the one function that closes it can return without closing it,
on a path no earlier close explains (a close-once flag the closer sets,
a receive from the channel itself, or a test of a parameter would).

It also finds the receives that nothing can ever end: a receive or ` + "`range`" + `
outside a ` + "`select`" + ` on a nil channel (declared and never made, an
unexported field or package variable the package never assigns, or a
variable made on some paths only, when every path on from there reaches
the receive), and, in a function started as a goroutine, a ` + "`select {}`" + ` or a
` + "`select`" + ` without ` + "`default`" + ` whose every case is on a nil channel. A nil
channel as one case of a ` + "`select`" + ` beside a live one is the idiom for
turning that case off, and is not reported; so is ` + "`select {}`" + ` in a function
that is not started as a goroutine (a program's main parking forever), and
an operation on a channel the code compares with nil (` + "`if ch != nil { <-ch }`" + `).

A loop's first-turn flag is followed: a local that enters the loop as
` + "`true`" + ` (or as a sentinel constant the loop compares it with, ` + "`prev := -1`" + `)
and is changed only in the block that closes or sends
(` + "`if first { first = false; close(ready); continue }`" + `), when the loop can
leave only on a later turn, makes that close happen before any way out:
it is not a skipped close.

Requests and their reply channels, by struct field: a function that makes
a reply channel, files it in a request's field (` + "`f := &future{errCh: make(chan error, 1)}`" + `),
sends the request on a field channel and then waits on ` + "`<-f.errCh`" + `
outside a ` + "`select`" + `, when the one goroutine that receives those
requests answers them itself (sends on or closes the reply field) but can
return on a path from taking a request that answers nothing: a loop that
queues requests (` + "`r.pending = append(r.pending, f)`" + `) and answers the
queue on a later turn, but returns on shutdown with the queue unanswered.
A loop that answers (` + "`for _, f := range r.pending { f.errCh <- err }`" + `)
answers every request in it; a goroutine that calls or starts another
function answering the same field may hand the request on, and is not
judged.

### Why is this bad?
` + "`for x := range ch`" + ` ends only when ` + "`ch`" + ` is closed. If the producer returns
early, on an error path for example, the workers wait forever.

### Example
` + "```go" + `
func process(items []Item) error {
	jobs := make(chan Item)
	go worker(jobs)
	for _, it := range items {
		if err := it.Validate(); err != nil {
			return err // worker blocks in range forever
		}
		jobs <- it
	}
	close(jobs)
	return nil
}
` + "```" + `

### Use instead
` + "```go" + `
	jobs := make(chan Item)
	defer close(jobs)
` + "```" + `

A goroutine blocked on a nil channel needs the channel made before it
starts (in the constructor, for a field), or its case moved into a
` + "`select`" + ` beside one that ends the goroutine (` + "`ctx.Done()`" + `).

### References
- [Go blog: Pipelines and cancellation](https://go.dev/blog/pipelines)

## AL153: discarded-result-channel

### What it does
Finds a call to a function that returns a result channel ("future") fed by
a goroutine it starts, where the channel is thrown away.

### Why is this bad?
The function's goroutine blocks on its send until someone receives. With
the channel discarded, nobody ever will.

### Example
` + "```go" + `
func fetchAsync(id int) <-chan Result {
	ch := make(chan Result)
	go func() { ch <- fetch(id) }()
	return ch
}

fetchAsync(42) // the goroutine leaks
` + "```" + `

### Use instead
Receive from the channel, or make it buffered (` + "`make(chan Result, 1)`" + `) in
the callee so its goroutine can finish alone.

### References
- [Go memory model: channel communication](https://go.dev/ref/mem#chan)

## AL154: unwaited-group

### What it does
Finds a ` + "`sync.WaitGroup`" + ` or ` + "`errgroup.Group`" + ` that a function makes and starts
work on (` + "`Add`" + `, ` + "`Go`" + `) when the function can return on some path without
calling ` + "`Wait`" + `. Copying a WaitGroup and calling ` + "`Add`" + ` inside the goroutine are
go vet's copylocks and waitgroup checks and are not repeated.

### Why is this bad?
The started goroutines outlive the function: they keep running against
state the caller believes is finished, their errors are lost, and with an
errgroup nobody cancels or collects them.

### Example
` + "```go" + `
g, ctx := errgroup.WithContext(ctx)
g.Go(func() error { return upload(ctx, a) })
if err := prepare(b); err != nil {
	return err // returns while upload still runs
}
return g.Wait()
` + "```" + `

### Use instead
Call ` + "`Wait`" + ` on every path, for example by doing the fallible preparation
before starting the work, or ` + "`defer g.Wait()`" + ` when the error is not needed.

### Severity
Info instead of a warning when the function leaves the work unwaited only
once its context is done (right after a test of ` + "`ctx.Err()`" + `, or on a
` + "`<-ctx.Done()`" + ` case) and every counted goroutine is handed a context: the
work stops on the same cancellation. Info in test files: a test's early
return is an error it fails on, or a branch whose deferred ` + "`Close`" + ` ends
the work.

### References
- [errgroup](https://pkg.go.dev/golang.org/x/sync/errgroup)

## AL155: mutex-held-forever

### What it does
Finds a ` + "`" + `sync.Mutex` + "`" + ` or ` + "`" + `sync.RWMutex` + "`" + ` that a function locks and then
either returns with it still held on some path while its other paths
unlock it (an early ` + "`" + `return err` + "`" + ` between ` + "`" + `Lock` + "`" + ` and ` + "`" + `Unlock` + "`" + `), or locks
again before unlocking it: directly (a deferred ` + "`" + `Unlock` + "`" + ` inside a loop
runs only at return), or through a function of the package it calls
(` + "`" + `RLock` + "`" + ` under its own ` + "`" + `Lock` + "`" + ` included; two read locks only when
the package also takes the write lock, since a ` + "`Lock`" + ` queued between them
blocks both, and Go prohibits recursive read locking: the writer's ` + "`Lock`" + `
is the other side of the same deadlock). A function that returns holding the lock on its last path,
and unlocks it on the others, is a lock helper and is not reported; the
last path is the last return in the source. A function with a ` + "`defer`" + `
also has a return for a recovered panic that no path enters; it is not
counted, so such a function still hands its lock over (bbolt's
` + "`beginRWTx`" + ` returns the ` + "`Tx`" + ` that unlocks ` + "`rwlock`" + ` on commit or
rollback). Nor
is a lock taken again that the first does not precede on every path,
or one a callee takes only on some paths (both are what a flag such as
` + "`doLock`" + ` or ` + "`hasLock`" + ` selects, which the analysis does not follow), nor
is a function entered with the lock held (it unlocks, works, relocks), a
second lock after the goroutine waited on a channel, or one in a function
that never unlocks the mutex itself (another goroutine may). Calls into
other packages are followed through their facts (this function locks the
mutex its parameter reaches; this method returns holding it, as a
` + "`Lock`" + ` helper does), so ` + "`s.Lock(); s.Get(k)`" + ` on another package's
type is found.

A lock a helper takes on every turn of a loop (` + "`for k := range c.pages { c.size() }`" + `)
counts as taken: only an empty loop skips it, not a flag.

Two goroutines: two mutexes held in struct fields that one function takes
in the order A then B, and another B then A, itself or through a function
of the package it calls that takes B on every path (one finding at the
first of the two second ` + "`Lock`" + `s, each as a related location, a helper's
` + "`Lock`" + ` too; ` + "`--all-sites`" + ` reports the two blocked sides apart). Not paired: a helper that
releases the held mutex before taking the other, two functions that both
hold a third mutex (a gate) at their second ` + "`Lock`" + `, a function that first
waits for a goroutine to end (a channel its ` + "`defer close`" + ` closes), and
code in test files or generated files (` + "`// Code generated ... DO NOT EDIT.`" + `);
and the ` + "`Lock`" + ` of a goroutine that must take a mutex before it
can serve a channel operation or a ` + "`Done`" + ` that another goroutine waits for
while holding that mutex; also the ` + "`Lock`" + ` in another case of the receiving
loop's ` + "`select`" + ` (a monitor whose timeout case locks the state that
` + "`reset`" + ` holds while it sends the reset): once that case fires during the
send, each waits for the other. A reply channel filed in a map field
(` + "`c.pending[id] = ch`" + `) is known by that field, so a request that waits on
it holding the lock the responder must take first is found.

### Why is this bad?
Go's mutexes are not reentrant and belong to no goroutine. A lock left
held blocks the next ` + "`" + `Lock` + "`" + ` forever, in whatever goroutine calls it; a
goroutine that locks what it already holds deadlocks on itself.

### Example
` + "`" + `` + "`" + `` + "`" + `go
func (s *store) set(k string, v int) error {
	s.mu.Lock()
	if k == "" {
		return errEmpty // s.mu stays locked
	}
	s.m[k] = v
	s.mu.Unlock()
	return nil
}

func (c *counter) incr() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n += c.get() // get calls c.mu.RLock(): deadlock
}
` + "`" + `` + "`" + `` + "`" + `

### Use instead
` + "`" + `` + "`" + `` + "`" + `go
	s.mu.Lock()
	defer s.mu.Unlock()
` + "`" + `` + "`" + `` + "`" + `
right after ` + "`" + `Lock` + "`" + `; call a variant that expects the lock held
(` + "`" + `getLocked` + "`" + `) from code that holds it.

### References
- [sync.Mutex](https://pkg.go.dev/sync#Mutex)

## AL156: wait-group-never-done

### What it does
Finds a ` + "`" + `sync.WaitGroup.Wait` + "`" + ` on a wait group the function makes and
counts with constant ` + "`" + `Add` + "`" + `s, when a goroutine it counts can return
without calling ` + "`" + `Done` + "`" + ` (an early return before a ` + "`" + `Done` + "`" + ` that is not
deferred), or when the ` + "`" + `Add` + "`" + `s, all made once before ` + "`" + `Wait` + "`" + `, count more
than the goroutines that call ` + "`" + `Done` + "`" + `. A goroutine that calls ` + "`" + `Done` + "`" + ` in a
loop (one per item) or hands the group on is not judged. A goroutine
that skips ` + "`Done`" + ` only after failing the test (` + "`t.Errorf`" + `, then return)
is reported at info severity, and so is, in a test file, any goroutine
that skips ` + "`Done`" + ` (the test hangs instead of failing, which its timeout
reports). With an ` + "`Add`" + ` that is not a constant
(` + "`wg.Add(len(items))`" + `) only the skipped ` + "`Done`" + ` is judged. Paths a goroutine
cannot take are not skipping ones: the end of a range over a ticker's
channel (never closed), or the branch of ` + "`if wg != nil`" + ` that a goroutine
handed a wait group its starter made never takes.

Also: a ` + "`Wait`" + ` (of a wait group or an errgroup) before the function
receives the results its counted goroutines send on a channel without
room for them all; a goroutine that waits on the wait group that counts
it, itself or through a call (a worker that calls ` + "`p.Close()`" + `, which waits
for every worker); and a ` + "`Wait`" + ` on a struct field wait group while holding
a mutex its goroutines lock before ` + "`Done`" + ` — on
some path is enough (a task that takes the group's mutex to record its
error, then calls its deferred ` + "`Done`" + `): ` + "`Wait`" + ` needs every ` + "`Done`" + `, so the
one failing task that locks while ` + "`Wait`" + ` holds the mutex stops both.

Across methods: a wait group held in an unexported struct field (` + "`s.wg`" + `)
whose goroutine, started right after an ` + "`Add`" + ` of the field (` + "`s.wg.Add(1); go s.save(n)`" + `),
can return without calling ` + "`Done`" + `; every ` + "`Wait`" + ` of the field is then
short (the first is reported). Likewise when the function that adds one
to the field can itself return before it starts the goroutine, without
calling ` + "`Done`" + ` (a failed semaphore acquire between ` + "`Add(1)`" + ` and ` + "`go`" + `). And a wait group the function makes and
counts with a constant ` + "`Add`" + ` but hands to no goroutine and never calls
` + "`Done`" + ` on (` + "`wg.Add(2); go cleanImages(); go cleanVolumes(); wg.Wait()`" + `).

### Why is this bad?
` + "`" + `Wait` + "`" + ` returns only when the counter reaches zero. One missing ` + "`" + `Done` + "`" + `
and the waiting goroutine, and everything waiting for it, blocks forever.

### Example
` + "`" + `` + "`" + `` + "`" + `go
var wg sync.WaitGroup
for _, it := range items {
	wg.Add(1)
	go func() {
		if it == "" {
			return // Done is skipped
		}
		process(it)
		wg.Done()
	}()
}
wg.Wait()
` + "`" + `` + "`" + `` + "`" + `

### Use instead
` + "`" + `` + "`" + `` + "`" + `go
	go func() {
		defer wg.Done()
		...
	}()
` + "`" + `` + "`" + `` + "`" + `
or ` + "`" + `wg.Go(func() { ... })` + "`" + `, which counts and finishes the goroutine
itself; one ` + "`" + `Add` + "`" + ` per goroutine started.

### References
- [sync.WaitGroup](https://pkg.go.dev/sync#WaitGroup)

## AL157: cond-never-signaled

### What it does
Finds a ` + "`" + `sync.Cond.Wait` + "`" + ` on a condition variable that no code of the
package ever ` + "`" + `Signal` + "`" + `s or ` + "`" + `Broadcast` + "`" + `s: an unexported struct field
(judged over every value of the struct), or a condition variable a
function makes and hands only to functions of the package. An exported
field, or one handed to another package, may be signalled elsewhere and
is not judged. It also finds a ` + "`" + `Wait` + "`" + ` that is neither in a loop re-testing its
condition nor behind a test of it made after taking the lock (` + "`" + `if q.cnt
== 0 { q.cond.Wait() }` + "`" + `): a ` + "`" + `Signal` + "`" + ` sent before the waiter got there is lost.
In a Go test file (the test profile) it is info: a test orders its
Signal after the Wait by a handshake it controls.

A condition that is signalled somewhere can still miss a change: a
` + "`Wait`" + ` whose loop waits for a boolean field to become true
(` + "`for len(q.items) == 0 && !q.closed { q.cond.Wait() }`" + `), or for an integer
field to fall (` + "`for c.n > 0 { c.cond.Wait() }`" + `), when a function
of the package sets that field (` + "`q.closed = true`" + `, ` + "`c.n--`" + `, not in a value it
has just allocated) and neither it, a function it calls, nor a function
that calls it signals the condition: a waiter parked before the store
never wakes to see it (` + "`Close`" + ` without ` + "`Broadcast`" + `). And a field condition
whose waiters each wait for a condition of their own (the wait loop
tests a parameter of the waiting function: ` + "`for l.inbox[duty] == \"\" { … }`" + `)
while the package wakes them only with ` + "`Signal`" + `: the one waiter woken may
be another's, which waits again, and the wake-up is lost.

### Why is this bad?
` + "`" + `Wait` + "`" + ` returns only after a ` + "`" + `Signal` + "`" + ` or ` + "`" + `Broadcast` + "`" + `. If the code that
changes the condition never signals, the waiter sleeps forever, however
often the condition becomes true.

### Example
` + "`" + `` + "`" + `` + "`" + `go
func (q *queue) push(x int) {
	q.mu.Lock()
	q.items = append(q.items, x)
	q.mu.Unlock() // pop's q.cond.Wait() is never woken
}
` + "`" + `` + "`" + `` + "`" + `

### Use instead
` + "`" + `` + "`" + `` + "`" + `go
	q.mu.Unlock()
	q.cond.Signal()
` + "`" + `` + "`" + `` + "`" + `
after every change that a waiter tests.

### References
- [sync.Cond](https://pkg.go.dev/sync#Cond)
`

package kernels

import "time"

// An etcd migrate server whose Stop starts a timer goroutine that
// reports a timeout on an unbuffered channel and a watcher goroutine
// that kills the process on that timeout unless the server stopped
// first; when the server stops in time the watcher returns and the
// timer goroutine blocks forever on its send (modelled on
// kubernetes/kubernetes#114070, fixed in #114071 by buffering timedout).
type migrateServer struct {
	gracefulWait time.Duration
	killed       bool
	wait         func()
}

func (r *migrateServer) Stop() {
	stopped := make(chan bool)
	timedout := make(chan bool)
	go func() {
		time.Sleep(r.gracefulWait)
		timedout <- true // want `goroutine .migrateServer.Stop.func1. can block forever sending on unbuffered channel .timedout.: its receiver, goroutine .migrateServer.Stop.func2., can take another case of its select and return \(AL151\)`
	}()
	go func() {
		select {
		case <-stopped:
			return
		case <-timedout:
			r.killed = true
			return
		}
	}()
	r.wait()
	stopped <- true
}

// Fixed: the timeout channel has room for its one value.
type migrateServerFixed struct {
	gracefulWait time.Duration
	killed       bool
	wait         func()
}

func (r *migrateServerFixed) Stop() {
	stopped := make(chan bool)
	timedout := make(chan bool, 1)
	go func() {
		time.Sleep(r.gracefulWait)
		timedout <- true
	}()
	go func() {
		select {
		case <-stopped:
			return
		case <-timedout:
			r.killed = true
			return
		}
	}()
	r.wait()
	stopped <- true
}

// RunMigrate stops a server that exits before the graceful wait ends.
func RunMigrate() {
	(&migrateServer{gracefulWait: 50 * time.Millisecond, wait: func() {}}).Stop()
	time.Sleep(100 * time.Millisecond)
}

// RunMigrateFixed does the same with the fixed twin.
func RunMigrateFixed() {
	(&migrateServerFixed{gracefulWait: 50 * time.Millisecond, wait: func() {}}).Stop()
	time.Sleep(100 * time.Millisecond)
}

// Package reply holds AL151 cases for request/reply channels: a server
// loop answers each request on the reply channel it carries.
package reply

import (
	"context"
	"time"
)

type request struct {
	key   string
	reply chan int
}

type server struct {
	reqs chan *request
	gets chan chan int
	quit chan struct{}
}

func newServer() *server {
	s := &server{reqs: make(chan *request), gets: make(chan chan int), quit: make(chan struct{})}
	go s.loop()
	return s
}

var delay = time.Millisecond

func (s *server) loop() {
	for {
		select {
		case r := <-s.reqs:
			time.Sleep(delay)
			r.reply <- len(r.key) // want "`server.loop` can block forever sending a reply on .reply.: .server.lookup. can return before receiving it \\(AL151\\)"
		case <-s.quit:
			return
		case reply := <-s.gets:
			time.Sleep(delay)
			reply <- 0 // want "`server.loop` can block forever sending a reply on .reply.: .server.count. can return before receiving it \\(AL151\\)"
		}
	}
}

// The client gives up on ctx: the loop blocks on the reply, and every
// later request waits behind it.
func (s *server) lookup(ctx context.Context, key string) (int, error) {
	reply := make(chan int)
	s.reqs <- &request{key: key, reply: reply}
	select {
	case n := <-reply:
		return n, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// The same over a channel of channels.
func (s *server) count(ctx context.Context) (int, error) {
	reply := make(chan int)
	s.gets <- reply
	select {
	case n := <-reply:
		return n, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Fixed: a reply slot the loop can always fill.
func (s *server) lookupBuffered(ctx context.Context, key string) (int, error) {
	reply := make(chan int, 1)
	s.reqs <- &request{key: key, reply: reply}
	select {
	case n := <-reply:
		return n, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Fixed: the client always waits for its answer.
func (s *server) countWait() int {
	reply := make(chan int)
	s.gets <- reply
	return <-reply
}

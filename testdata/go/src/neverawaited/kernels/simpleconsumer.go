package kernels

import (
	"sync/atomic"
	"time"
)

// A Kafka simple consumer whose fetch goroutine feeds messages to its
// consume goroutine on a field channel; Stop sets a flag the fetcher
// checks and the fetcher returns without closing the channel, so the
// consumer waits forever (modelled on childe/healer#9 and #10).
type simpleConsumer struct {
	stopped atomic.Bool
	inner   chan int
	handled int
}

func (c *simpleConsumer) Consume() {
	c.inner = make(chan int)
	go c.fetch()
	go c.consume()
}

func (c *simpleConsumer) fetch() {
	for offset := 0; !c.stopped.Load(); offset++ {
		c.inner <- offset
		time.Sleep(time.Millisecond)
	}
}

func (c *simpleConsumer) consume() {
	for {
		m, ok := <-c.inner // want `.simpleConsumer.consume. can block forever receiving from .simpleConsumer.inner.: it receives until the channel is closed, its sender, goroutine .simpleConsumer.fetch., can return, and nothing closes it \(AL152\)`
		if !ok {
			return
		}
		c.handled += m
	}
}

func (c *simpleConsumer) Stop() { c.stopped.Store(true) }

// Fixed: the fetcher closes the channel when it stops.
type simpleConsumerFixed struct {
	stopped atomic.Bool
	inner   chan int
	handled int
}

func (c *simpleConsumerFixed) Consume() {
	c.inner = make(chan int)
	go c.fetch()
	go c.consume()
}

func (c *simpleConsumerFixed) fetch() {
	defer close(c.inner)
	for offset := 0; !c.stopped.Load(); offset++ {
		c.inner <- offset
		time.Sleep(time.Millisecond)
	}
}

func (c *simpleConsumerFixed) consume() {
	for {
		m, ok := <-c.inner
		if !ok {
			return
		}
		c.handled += m
	}
}

func (c *simpleConsumerFixed) Stop() { c.stopped.Store(true) }

// RunSimpleConsumer consumes for a while and stops.
func RunSimpleConsumer() {
	c := &simpleConsumer{}
	c.Consume()
	time.Sleep(3 * time.Millisecond)
	c.Stop()
	time.Sleep(10 * time.Millisecond)
}

// RunSimpleConsumerFixed does the same with the fixed twin.
func RunSimpleConsumerFixed() {
	c := &simpleConsumerFixed{}
	c.Consume()
	time.Sleep(3 * time.Millisecond)
	c.Stop()
	time.Sleep(10 * time.Millisecond)
}

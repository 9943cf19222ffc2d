package kernels

import "time"

// A periodic health checker whose loop ranges over its ticker's channel;
// Stop stops the ticker, but Ticker.Stop does not close C, so the loop
// waits forever (modelled on InVisionApp/go-health#35, "ticker.Stop()
// does not close the ticker channel").
type tickChecker struct {
	ticker *time.Ticker
	runs   int
}

func (c *tickChecker) Start(every time.Duration) {
	c.ticker = time.NewTicker(every)
	go c.loop(c.ticker)
}

func (c *tickChecker) loop(t *time.Ticker) {
	for range t.C { // want `goroutine .tickChecker.loop. receives from .time.Ticker.C. until it is closed, which never happens: after .tickChecker.Stop. stops it, the goroutine blocks forever \(AL152\)`
		c.runs++
	}
}

func (c *tickChecker) Stop() { c.ticker.Stop() }

// Fixed: Stop also closes a channel the loop watches.
type tickCheckerFixed struct {
	ticker *time.Ticker
	stop   chan struct{}
	runs   int
}

func (c *tickCheckerFixed) Start(every time.Duration) {
	c.ticker = time.NewTicker(every)
	c.stop = make(chan struct{})
	go c.loop(c.ticker)
}

func (c *tickCheckerFixed) loop(t *time.Ticker) {
	for {
		select {
		case <-t.C:
			c.runs++
		case <-c.stop:
			return
		}
	}
}

func (c *tickCheckerFixed) Stop() {
	c.ticker.Stop()
	close(c.stop)
}

// RunTicker starts and stops the checker and drops it.
func RunTicker() {
	c := &tickChecker{}
	c.Start(time.Hour)
	c.Stop()
	time.Sleep(5 * time.Millisecond)
}

// RunTickerFixed does the same with the fixed twin.
func RunTickerFixed() {
	c := &tickCheckerFixed{}
	c.Start(time.Hour)
	c.Stop()
	time.Sleep(5 * time.Millisecond)
}

package kernels

import (
	"context"
	"time"
)

// A lease keeper whose requests carry their own reply channel; the
// keeper's loop answers with a plain send, and a client that times out
// leaves it blocked on the reply, so it never serves again (modelled on
// etcd-io/etcd lease keepalive request/response plumbing).
type leaseRequest struct {
	id    int
	reply chan int
}

type leaseKeeper struct{ reqs chan leaseRequest }

func newLeaseKeeper() *leaseKeeper {
	k := &leaseKeeper{reqs: make(chan leaseRequest)}
	go k.loop()
	return k
}

func (k *leaseKeeper) loop() {
	for req := range k.reqs {
		time.Sleep(20 * time.Millisecond)
		req.reply <- req.id * 2 // want `.leaseKeeper.loop. can block forever sending a reply on the channel: .leaseKeeper.TTL. can return before receiving it \(AL151\)`
	}
}

func (k *leaseKeeper) TTL(ctx context.Context, id int) (int, error) {
	req := leaseRequest{id: id, reply: make(chan int)}
	k.reqs <- req
	select {
	case v := <-req.reply:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Fixed: the reply channel has room for the answer (and Close ends the
// loop).
type leaseKeeperFixed struct{ reqs chan leaseRequest }

func newLeaseKeeperFixed() *leaseKeeperFixed {
	k := &leaseKeeperFixed{reqs: make(chan leaseRequest)}
	go k.loop()
	return k
}

func (k *leaseKeeperFixed) loop() {
	for req := range k.reqs {
		time.Sleep(20 * time.Millisecond)
		req.reply <- req.id * 2
	}
}

func (k *leaseKeeperFixed) Close() { close(k.reqs) }

func (k *leaseKeeperFixed) TTL(ctx context.Context, id int) (int, error) {
	req := leaseRequest{id: id, reply: make(chan int, 1)}
	k.reqs <- req
	select {
	case v := <-req.reply:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// RunLease drives the bug and drops every reference to it.
func RunLease(ctx context.Context) {
	k := newLeaseKeeper()
	ctx, cancel := context.WithTimeout(ctx, time.Millisecond)
	defer cancel()
	_, _ = k.TTL(ctx, 1)
	time.Sleep(50 * time.Millisecond)
}

// RunLeaseFixed drives the fixed twin down the same path.
func RunLeaseFixed(ctx context.Context) {
	k := newLeaseKeeperFixed()
	ctx, cancel := context.WithTimeout(ctx, time.Millisecond)
	defer cancel()
	_, _ = k.TTL(ctx, 1)
	time.Sleep(50 * time.Millisecond)
	k.Close()
}

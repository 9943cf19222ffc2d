package kernels

import "sync"

// A lifecycle loop guarded by a package mutex that returns early when
// started twice, without unlocking: every later start blocks on the
// mutex (modelled on oakmound/oak#33).
var (
	initControl   sync.Mutex
	lifecycleInit bool
)

func lifecycleLoop() bool {
	initControl.Lock() // want `the mutex stays locked when .lifecycleLoop. returns early: the next Lock blocks forever \(AL155\)`
	if lifecycleInit {
		return false
	}
	lifecycleInit = true
	initControl.Unlock()
	return true
}

// Fixed: the early return unlocks too.
var (
	initControlFixed   sync.Mutex
	lifecycleInitFixed bool
)

func lifecycleLoopFixed() bool {
	initControlFixed.Lock()
	defer initControlFixed.Unlock()
	if lifecycleInitFixed {
		return false
	}
	lifecycleInitFixed = true
	return true
}

// RunLifecycle starts the loop three times: the third start hangs.
func RunLifecycle() {
	lifecycleLoop()
	lifecycleLoop()
	lifecycleLoop()
}

// RunLifecycleFixed starts the fixed loop three times.
func RunLifecycleFixed() {
	lifecycleLoopFixed()
	lifecycleLoopFixed()
	lifecycleLoopFixed()
}

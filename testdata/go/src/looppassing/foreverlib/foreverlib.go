// Package foreverlib exports a function that never returns; the fact
// crosses into ignorectx.
package foreverlib

import "time"

func Poll() {
	for {
		time.Sleep(time.Second)
	}
}

func Once() { time.Sleep(time.Second) }

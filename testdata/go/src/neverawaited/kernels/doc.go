// Package kernels holds small kernels of goroutine leaks and deadlocks
// from real projects' bug trackers, each with its fixed twin: channels,
// mutexes, wait groups and condition variables held in struct fields and
// used from several methods.
package kernels

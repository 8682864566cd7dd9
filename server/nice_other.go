//go:build !linux

package server

// lowerPriority is a no-op where niceness is not per thread or not
// available: the worker then runs at the server's priority.
func lowerPriority() {}

package main

import (
	"os"
	"runtime"
	"runtime/debug"
)

// The garbage collector's settings. A command run (render, merge, check,
// sign) lasts milliseconds to seconds and exits: it collects nothing until
// its heap reaches shortRunLimit, so a small document is rendered without a
// single collection (the seed's three collections under the default GOGC=100
// cost 4 ms of its 16), and a large one keeps its heap near the limit
// whatever its number of rows, since what it holds live is small: the rows,
// compactly, and the page being written. Should a run hold more than half
// the limit live (a merge of very many forms), collecting to the limit would
// run the collector again and again for little; it then goes back to GOGC=100
// under serveLimit. `vanban serve` lives long and serves many at once: the
// default GOGC=100 under serveLimit. GOGC or GOMEMLIMIT in the environment
// override all of this. Chosen by measurement (bench/run.sh; the README's
// "Measured" section gives the limits tried and their peaks).
const (
	shortRunLimit = 48 << 20
	serveLimit    = 192 << 20
)

// setGC applies the settings for the command cmd.
func setGC(cmd string) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	if cmd == "serve" {
		debug.SetMemoryLimit(serveLimit)
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(shortRunLimit)
	watchLiveHeap(shortRunLimit / 2)
}

// watchLiveHeap goes back to GOGC=100 under serveLimit after the first
// collection that leaves more than threshold bytes live. A cleanup on an
// unreachable object runs after each collection that frees it.
//
// The heap is read with runtime.ReadMemStats, which stops the world for
// microseconds once per collection (and a short run rarely collects), rather
// than with runtime/metrics, whose package initialisation alone cost 0.1 ms
// of every run.
func watchLiveHeap(threshold uint64) {
	var arm func()
	arm = func() {
		runtime.AddCleanup(new([32]byte), func(struct{}) {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms) // just after a collection: what it left live, and little since
			if ms.HeapAlloc > threshold {
				debug.SetGCPercent(100)
				debug.SetMemoryLimit(serveLimit)
				return
			}
			arm()
		}, struct{}{})
	}
	arm()
}

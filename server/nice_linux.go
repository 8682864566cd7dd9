package server

import (
	"os"
	"strconv"
	"syscall"
)

// workerNice is the merge worker's niceness: the scheduler then gives the
// server's previews the CPU first.
const workerNice = 15

// lowerPriority makes every thread of this process nicer: on Linux
// niceness is a thread's, and a thread made later inherits its maker's, so
// each thread that exists now is set.
func lowerPriority() {
	tasks, err := os.ReadDir("/proc/self/task")
	if err != nil {
		syscall.Setpriority(syscall.PRIO_PROCESS, 0, workerNice)
		return
	}
	for _, t := range tasks {
		if tid, err := strconv.Atoi(t.Name()); err == nil {
			syscall.Setpriority(syscall.PRIO_PROCESS, tid, workerNice)
		}
	}
}

package main

import (
	"math"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"
)

// gcPercent reads the collector's GOGC setting.
func gcPercent() int {
	p := debug.SetGCPercent(-1)
	debug.SetGCPercent(p)
	return p
}

// The settings are the process's, so each case runs in a child process
// (this test binary again): a command run collects nothing until the limit;
// holding more than half the limit live turns GOGC=100 back on; GOGC in the
// environment leaves everything as the user set it; serve keeps GOGC=100.
func TestGCSettings(t *testing.T) {
	if mode := os.Getenv("VANBAN_GC_CHILD"); mode != "" {
		gcChild(mode)
		return
	}
	for _, c := range []struct {
		mode, env, want string
	}{
		{"render", "", "off 48 MiB; after 40 MB live: 100 192 MiB"},
		{"render-small", "", "off 48 MiB; after 1 MB live: off 48 MiB"},
		{"serve", "", "100 192 MiB"},
		{"render", "GOGC=200", "200 no limit; after 40 MB live: 200 no limit"},
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestGCSettings$")
		cmd.Env = append(os.Environ(), "VANBAN_GC_CHILD="+c.mode, "GOMEMLIMIT=")
		if c.env != "" {
			cmd.Env = append(cmd.Env, c.env)
		}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", c.mode, c.env, err, out)
		}
		if got := strings.TrimSpace(strings.Split(string(out), "\n")[0]); got != c.want {
			t.Errorf("%s %s: %q, want %q", c.mode, c.env, got, c.want)
		}
	}
}

func gcChild(mode string) {
	state := func() string {
		s := "off"
		if p := gcPercent(); p >= 0 {
			s = strconv.Itoa(p)
		}
		if limit := debug.SetMemoryLimit(-1); limit < math.MaxInt64 {
			return s + " " + strconv.FormatInt(limit>>20, 10) + " MiB"
		}
		return s + " no limit"
	}
	cmd := strings.TrimSuffix(mode, "-small")
	setGC(cmd)
	out := state()
	if cmd == "render" {
		live := 40 << 20
		if strings.HasSuffix(mode, "-small") {
			live = 1 << 20
		}
		held := make([][]byte, 0, live>>16)
		for range live >> 16 {
			b := make([]byte, 1<<16)
			b[0] = 1
			held = append(held, b)
		}
		// Cleanups run after the collection that frees their object, on
		// a goroutine of their own: collect until the watcher has seen the
		// live heap (for the large heap, until it has turned GOGC back on),
		// a few times at least and for two seconds at most.
		for deadline, n := time.Now().Add(2*time.Second), 0; time.Now().Before(deadline); n++ {
			runtime.GC()
			time.Sleep(10 * time.Millisecond)
			if n >= 3 && (live == 1<<20 || gcPercent() >= 0) {
				break
			}
		}
		runtime.KeepAlive(held)
		out += "; after " + map[bool]string{true: "1", false: "40"}[live == 1<<20] + " MB live: " + state()
	}
	os.Stdout.WriteString(out + "\n")
	os.Exit(0)
}

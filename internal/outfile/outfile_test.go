package outfile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// write makes path hold data with the given mode, as a previous run left it.
func write(t *testing.T, path, data string, mode fs.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // past the umask
		t.Fatal(err)
	}
}

// want checks that path holds data with the given mode.
func want(t *testing.T, path, data string, mode fs.FileMode) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Errorf("%s: %v", path, err)
		return
	}
	if string(got) != data {
		t.Errorf("%s holds %q, want %q", path, got, data)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != mode {
		t.Errorf("%s has mode %v, want %v", path, fi.Mode().Perm(), mode)
	}
}

func absent(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Lstat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s exists (%v), want it absent", path, err)
	}
}

// noLeftovers checks that no temporary or backup file is anywhere under dir.
func noLeftovers(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Error(err)
			return nil
		}
		if n := d.Name(); strings.Contains(n, ".tmp-") || strings.Contains(n, ".bak-") {
			t.Errorf("left behind: %s", p)
		}
		return nil
	})
}

func TestCommit(t *testing.T) {
	dir := t.TempDir()
	a, p, x := filepath.Join(dir, "a.docx"), filepath.Join(dir, "a.pdf"), filepath.Join(dir, "new", "a.xlsx")
	write(t, a, "old docx", 0o600)
	write(t, p, "old pdf", 0o600)
	b := New()
	defer b.Abort() // must not undo the Commit
	w, err := b.Create(a)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("new "))
	w.Write([]byte("docx"))
	if err := b.WriteFile(p, []byte("new pdf")); err != nil {
		t.Fatal(err)
	}
	if err := b.WriteFile(x, []byte("new xlsx")); err != nil {
		t.Fatal(err)
	}
	want(t, a, "old docx", 0o600) // nothing is in place before Commit
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	b.Abort()
	want(t, a, "new docx", 0o644)
	want(t, p, "new pdf", 0o644)
	want(t, x, "new xlsx", 0o644)
	noLeftovers(t, dir)
	if got := strings.Join(b.Paths(), " "); got != a+" "+p+" "+x {
		t.Errorf("Paths() = %s", got)
	}
	if err := b.Commit(); err == nil {
		t.Error("second Commit succeeded")
	}
	if _, err := b.Create(filepath.Join(dir, "b.docx")); err == nil {
		t.Error("Create after Commit succeeded")
	}
}

func TestCreateTwice(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	b := New()
	defer b.Abort()
	if _, err := b.Create("out/a.docx"); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"out/../out/a.docx", filepath.Join(dir, "out", "a.docx")} {
		_, err := b.Create(p)
		if err == nil || !strings.Contains(err.Error(), p) {
			t.Errorf("Create(%s) = %v, want an error naming it", p, err)
		}
	}
	if got := len(b.Paths()); got != 1 {
		t.Errorf("%d paths, want 1", got)
	}
}

// A failing Write, even one whose error the caller drops, must fail Commit
// and leave the previous outputs alone, and the folder Create made must go.
func TestWriteError(t *testing.T) {
	dir := t.TempDir()
	a, p, x := filepath.Join(dir, "a.docx"), filepath.Join(dir, "a.pdf"), filepath.Join(dir, "new", "sub", "a.xlsx")
	write(t, a, "old docx", 0o644)
	write(t, p, "old pdf", 0o600)
	b := New()
	defer b.Abort()
	b.WriteFile(a, []byte("new docx"))
	w, err := b.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	b.WriteFile(x, []byte("new xlsx"))
	// As root a read-only folder blocks nothing, so fail the file itself:
	// swap in a read-only descriptor, on which write fails (EBADF) but
	// chmod, sync and close, all that Commit does, succeed.
	ro, err := os.Open(w.tmp.Name())
	if err != nil {
		t.Fatal(err)
	}
	w.tmp.Close()
	w.tmp = ro
	if _, err := w.Write([]byte("new pdf")); err == nil || !strings.Contains(err.Error(), p) {
		t.Fatalf("Write = %v, want an error naming %s", err, p)
	}
	err = b.Commit()
	if err == nil || !strings.Contains(err.Error(), p) {
		t.Fatalf("Commit = %v, want an error naming %s", err, p)
	}
	want(t, a, "old docx", 0o644)
	want(t, p, "old pdf", 0o600)
	absent(t, filepath.Join(dir, "new"))
	noLeftovers(t, dir)
}

// A folder where a target should be makes Commit fail before it replaces
// anything. This needs no injection and works as root.
func TestTargetIsFolder(t *testing.T) {
	dir := t.TempDir()
	a, p, x := filepath.Join(dir, "a.docx"), filepath.Join(dir, "a.pdf"), filepath.Join(dir, "a.xlsx")
	write(t, a, "old docx", 0o644)
	b := New()
	defer b.Abort()
	for _, f := range []string{a, p, x} {
		if err := b.WriteFile(f, []byte("new")); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(p, 0o755); err != nil { // appears after Create, as from another program
		t.Fatal(err)
	}
	write(t, filepath.Join(p, "keep"), "keep", 0o644)
	err := b.Commit()
	if err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), "thư mục") {
		t.Fatalf("Commit = %v, want an error naming %s as a folder", err, p)
	}
	want(t, a, "old docx", 0o644)
	want(t, filepath.Join(p, "keep"), "keep", 0o644)
	absent(t, x)
	noLeftovers(t, dir)
}

// The second of three renames fails: the first target, already replaced,
// must get its previous bytes back, or go if it did not exist; the third
// must be untouched.
func TestRenameFails(t *testing.T) {
	for _, tc := range []struct {
		name      string
		firstOld  bool // the first target existed before
		linkFails bool // backups are copies, as on a file system without hard links
	}{
		{"replaced", true, false},
		{"new", false, false},
		{"copied backup", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			a, p, x := filepath.Join(dir, "a.docx"), filepath.Join(dir, "a.pdf"), filepath.Join(dir, "a.xlsx")
			if tc.firstOld {
				write(t, a, "old docx", 0o640) // not CreateTemp's 0600: a copy must keep the mode
			}
			write(t, p, "old pdf", 0o644)
			write(t, x, "old xlsx", 0o644)
			b := New()
			defer b.Abort()
			var renames int
			b.rename = func(oldname, newname string) error {
				if newname == p {
					return &os.LinkError{Op: "rename", Old: oldname, New: newname, Err: errors.New("bị chặn")}
				}
				renames++
				return os.Rename(oldname, newname)
			}
			if tc.linkFails {
				b.link = func(oldname, newname string) error {
					return &os.LinkError{Op: "link", Old: oldname, New: newname, Err: errors.ErrUnsupported}
				}
			}
			for _, f := range []string{a, p, x} {
				if err := b.WriteFile(f, []byte("new")); err != nil {
					t.Fatal(err)
				}
			}
			err := b.Commit()
			if err == nil || !strings.Contains(err.Error(), p) {
				t.Fatalf("Commit = %v, want an error naming %s", err, p)
			}
			if renames != 1 {
				t.Fatalf("%d renames before the failure, want 1: the test does not test rollback", renames)
			}
			if tc.firstOld {
				want(t, a, "old docx", 0o640)
			} else {
				absent(t, a)
			}
			want(t, p, "old pdf", 0o644)
			want(t, x, "old xlsx", 0o644)
			noLeftovers(t, dir)
		})
	}
}

// Abort while Commit is between renames (Ctrl-C at the worst moment): Commit
// rolls back, and by the time Abort returns the old outputs are back.
func TestAbortDuringCommit(t *testing.T) {
	dir := t.TempDir()
	a, p := filepath.Join(dir, "a.docx"), filepath.Join(dir, "a.pdf")
	write(t, a, "old docx", 0o644)
	write(t, p, "old pdf", 0o644)
	b := New()
	aborted := make(chan struct{})
	b.rename = func(oldname, newname string) error {
		err := os.Rename(oldname, newname)
		if newname == a {
			go func() { b.Abort(); close(aborted) }()
			for !b.aborted.Load() {
				time.Sleep(time.Millisecond)
			}
		}
		return err
	}
	b.WriteFile(a, []byte("new docx"))
	b.WriteFile(p, []byte("new pdf"))
	if err := b.Commit(); !errors.Is(err, ErrAborted) {
		t.Fatalf("Commit = %v, want ErrAborted", err)
	}
	<-aborted
	want(t, a, "old docx", 0o644)
	want(t, p, "old pdf", 0o644)
	noLeftovers(t, dir)
}

// Abort from another goroutine while writers are writing, as on SIGINT: no
// temporary file remains once the writers return, no Write succeeds after
// Abort has returned, and the folder Create made is gone. Run with -race.
func TestAbortDuringWrites(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	b := New()
	var wg sync.WaitGroup
	var started sync.WaitGroup
	var abortReturned atomic.Bool
	for i := range 4 {
		w, err := b.Create(filepath.Join(out, "a"+string(rune('0'+i))+".pdf"))
		if err != nil {
			t.Fatal(err)
		}
		chunk := bytes.Repeat([]byte{byte(i)}, 64<<10<<(i%2*6)) // 64 KiB or 4 MiB at a time
		started.Add(1)
		wg.Go(func() {
			_, err := w.Write(chunk)
			started.Done()
			for err == nil {
				if abortReturned.Load() {
					t.Error("Write succeeded after Abort returned")
					return
				}
				_, err = w.Write(chunk)
			}
			if !errors.Is(err, ErrAborted) {
				t.Errorf("Write failed with %v, want ErrAborted", err)
			}
		})
	}
	started.Wait()
	time.Sleep(5 * time.Millisecond)
	var aborts sync.WaitGroup
	for range 2 { // twice at once: Abort must be idempotent
		aborts.Go(b.Abort)
	}
	aborts.Wait()
	abortReturned.Store(true)
	wg.Wait()
	absent(t, out)
	noLeftovers(t, dir)
	if err := b.Commit(); !errors.Is(err, ErrAborted) {
		t.Errorf("Commit after Abort = %v, want ErrAborted", err)
	}
	if _, err := b.Create(filepath.Join(dir, "b.pdf")); !errors.Is(err, ErrAborted) {
		t.Errorf("Create after Abort = %v, want ErrAborted", err)
	}
}

// A file finished before Commit is synced and closed then: its mode is set,
// a later Write fails (and so Commit), finishing again does nothing, and
// Commit puts it in place with the files it finishes itself; Abort after a
// Finish still leaves the previous target as it was.
func TestFinishBeforeCommit(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "b.docx")
	batch := New()
	fa, err := batch.Create(a)
	if err != nil {
		t.Fatal(err)
	}
	fb, err := batch.Create(b)
	if err != nil {
		t.Fatal(err)
	}
	fa.Write([]byte("pdf"))
	if err := fa.Finish(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(fa.tmp.Name()); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("finished temporary file: %v %v", fi, err)
	}
	if err := fa.Finish(); err != nil {
		t.Errorf("second Finish: %v", err)
	}
	fb.Write([]byte("docx"))
	if err := batch.Commit(); err != nil {
		t.Fatal(err)
	}
	want(t, a, "pdf", 0o644)
	want(t, b, "docx", 0o644)
	noLeftovers(t, dir)

	batch = New()
	fa, _ = batch.Create(a)
	fa.Write([]byte("new"))
	fa.Finish()
	if _, err := fa.Write([]byte("more")); err == nil {
		t.Error("Write after Finish succeeded")
	}
	if err := batch.Commit(); err == nil {
		t.Error("Commit succeeded after a failed Write")
	}
	want(t, a, "pdf", 0o644)
	noLeftovers(t, dir)

	batch = New()
	fa, _ = batch.Create(a)
	fa.Write([]byte("new"))
	fa.Finish()
	batch.Abort()
	want(t, a, "pdf", 0o644)
	noLeftovers(t, dir)

	// Finish after Abort says so, as Write does, and leaves nothing.
	batch = New()
	fa, _ = batch.Create(a)
	fa.Write([]byte("new"))
	batch.Abort()
	if err := fa.Finish(); !errors.Is(err, ErrAborted) {
		t.Errorf("Finish after Abort: %v", err)
	}
	want(t, a, "pdf", 0o644)
	noLeftovers(t, dir)
}

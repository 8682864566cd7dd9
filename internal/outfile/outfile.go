// Package outfile writes the set of files one run produces, all or nothing.
//
// A vanban run writes several outputs for one input (NAME.docx, NAME.pdf,
// NAME.xlsx, and NAME.yaml after a merge), and people take them as a set: a
// new .docx beside last week's .pdf is worse than no new output, because
// nothing shows that they disagree. So a Batch writes every output to a
// temporary file beside its target (".NAME.tmp-*") and renames them into
// place only when all of them are written and synced. Before replacing a
// target it keeps the old content under a second name (".NAME.bak-*", a hard
// link, so nothing is copied), so that a rename failing half-way through the
// set can put back the targets already replaced. Whatever fails, or if the
// run is cancelled, the previous outputs stay byte-identical and no
// temporary file is left.
//
// No file system renames several files atomically, so one window remains: a
// crash (power loss, SIGKILL) during the few renames of Commit leaves some
// targets new and some old, the old content of the replaced ones in their
// ".NAME.bak-*" files, and the temporary files of the others. A crash earlier
// leaves the old targets and ".NAME.tmp-*" files.
//
// Use:
//
//	b := outfile.New()
//	defer b.Abort() // no-op after a successful Commit; also call it on SIGINT
//	w, err := b.Create("out/a.docx")
//	… write to w …
//	return b.Commit()
package outfile

import (
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// ErrAborted is wrapped by the errors of Write, Create and Commit after Abort.
var ErrAborted = &Error{vi: "lượt ghi đã bị huỷ", en: "the run was cancelled"}

// Error is a batch's error in Vietnamese (Error) and English (English),
// around the system's error, if any.
type Error struct {
	vi, en string
	err    error
}

func (e *Error) Error() string {
	if e.err == nil {
		return e.vi
	}
	return e.vi + ": " + e.err.Error()
}

func (e *Error) Unwrap() error { return e.err }

// English is err's text in English: an Error's English words, and the
// system's errors, which are in English already.
func English(err error) string {
	var e *Error
	if !errors.As(err, &e) {
		return err.Error()
	}
	if e.err == nil {
		return e.en
	}
	return e.en + ": " + English(e.err)
}

// failed is an Error: vi and en say what failed, err why.
func failed(vi, en string, err error) *Error { return &Error{vi: vi, en: en, err: err} }

type state int

const (
	open      state = iota
	committed       // every target holds its new content
	discarded       // Abort, or a failed Commit: temporary files are gone
)

// A Batch is one run's set of output files. Its methods are safe for
// concurrent use; a File is written by one goroutine at a time.
type Batch struct {
	// aborted is set by Abort before it waits for mu, so that a Commit
	// holding mu stops before its next rename and rolls back, and writers
	// stop without taking any lock.
	aborted atomic.Bool

	mu    sync.Mutex // serialises Create, Commit and Abort
	state state
	files []*File
	seen  map[string]bool // absolute targets, to refuse writing one twice
	dirs  []string        // folders Create made, each after its parent

	// link and rename are os.Link and os.Rename; tests inject failures.
	link, rename func(oldname, newname string) error
}

// A File is the temporary file that becomes one target at Commit.
type File struct {
	b    *Batch
	path string   // the target as the caller named it, for messages
	abs  string   // the target, absolute, so a later chdir cannot misplace it
	tmp  *os.File // its name never changes

	mu     sync.Mutex
	err    error // the first write error: Commit fails even if the caller dropped it
	closed bool  // synced and closed by Close

	// Set by Commit, under b.mu.
	backup string // the target's previous content, or "" if there was none
	placed bool   // tmp has been renamed over the target
}

// New returns an empty Batch.
func New() *Batch {
	return &Batch{seen: map[string]bool{}, link: os.Link, rename: os.Rename}
}

// Create returns a writer for path's new content: a temporary file
// ".NAME.tmp-*" in path's folder, so that the final rename cannot cross file
// systems. The target gets mode 0644 at Commit. Creating the same target
// twice (compared after filepath.Abs) is an error, since one output would
// silently overwrite the other.
//
// Create makes path's folder (0755) if it is missing: the temporary file
// must live there. The folders it makes are removed again by Abort and by a
// failed Commit, if they are still empty, so a failed run leaves no empty
// output folder behind.
func (b *Batch) Create(path string) (*File, error) {
	fail := func(err error) (*File, error) {
		return nil, failed("không ghi được "+path, "cannot write "+path, err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return fail(err)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.usable(); err != nil {
		return fail(err)
	}
	if b.seen[abs] {
		return fail(&Error{vi: "tệp này đã được ghi một lần trong cùng lượt chạy", en: "this file was already written in the same run"})
	}
	dir := filepath.Dir(abs)
	if err := b.mkdirAll(dir); err != nil {
		return nil, failed("không tạo được thư mục "+filepath.Dir(path), "cannot make the folder "+filepath.Dir(path), err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(abs)+".tmp-*")
	if err != nil {
		return fail(err)
	}
	b.seen[abs] = true
	f := &File{b: b, path: path, abs: abs, tmp: tmp}
	b.files = append(b.files, f)
	return f, nil
}

// WriteFile creates path in the batch with data as its content.
func (b *Batch) WriteFile(path string, data []byte) error {
	f, err := b.Create(path)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return err
}

// Paths returns the targets as they were passed to Create, in that order.
func (b *Batch) Paths() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.paths()
}

func (b *Batch) paths() []string {
	p := make([]string, len(b.files))
	for i, f := range b.files {
		p[i] = f.path
	}
	return p
}

// Write appends p to the temporary file. An error is also remembered, so
// that Commit fails. Once Abort has been called, Write fails with an error
// wrapping ErrAborted; a Write already under way when Abort runs goes on into
// the removed file (the space is freed when it returns) and also reports
// ErrAborted.
func (f *File) Write(p []byte) (int, error) {
	n, err := f.tmp.Write(p)
	if f.b.aborted.Load() {
		// Abort has closed and removed the file, before or during this
		// Write. Where an open file cannot be removed (Windows) the removal
		// failed if this Write was under way; now the file is closed and can go.
		os.Remove(f.tmp.Name())
		return n, f.fail(ErrAborted)
	}
	if err != nil {
		return n, f.fail(err)
	}
	return n, nil
}

// Finish ends the file's content: it is synced and closed at once, so that
// the sync of an output finished early overlaps the writing of the others
// rather than adding to the end of the run (the seed's DOCX is synced while
// its PDF is still being written). Commit finishes the files not finished.
// Finishing twice does nothing. (Not Close: a writer that is only an
// io.Closer, such as os.Stdout, must not be taken for one of these.)
func (f *File) Finish() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed || f.err != nil {
		return f.err
	}
	aborted := func() error {
		// As in Write: Abort has closed and removed the file, or could not
		// remove it while it was open (Windows); now it can go.
		os.Remove(f.tmp.Name())
		f.err = failed("không ghi được "+f.path, "cannot write "+f.path, ErrAborted)
		return f.err
	}
	if f.b.aborted.Load() {
		return aborted()
	}
	err := finish(f.tmp)
	if f.b.aborted.Load() {
		return aborted()
	}
	if err != nil {
		f.err = failed("không ghi được "+f.path, "cannot write "+f.path, err)
		return f.err
	}
	f.closed = true
	return nil
}

func (f *File) fail(err error) error {
	err = failed("không ghi được "+f.path, "cannot write "+f.path, err)
	f.mu.Lock()
	if f.err == nil {
		f.err = err
	}
	f.mu.Unlock()
	return err
}

// Commit puts every file in place: it syncs and closes the temporary files,
// keeps the previous content of each existing target, renames the temporary
// files over the targets, and then drops the kept content. If any step fails,
// or Abort is called meanwhile, it puts back every target it had replaced
// (removing those that did not exist before), removes every temporary and
// backup file and the folders Create made, and returns an error naming the
// file that failed. Commit must be called after all writes have returned.
//
// Should putting a target back fail too, the error says so and where its
// previous content was kept.
func (b *Batch) Commit() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.usable(); err != nil {
		if b.state == open { // Abort is waiting for mu
			b.state = discarded
			b.discard()
		}
		return failed("không ghi được "+strings.Join(b.paths(), ", "), "cannot write "+strings.Join(b.paths(), ", "), err)
	}
	if err := b.commit(); err != nil {
		b.state = discarded
		if derr := b.discard(); derr != nil {
			return errors.Join(err, derr)
		}
		return err
	}
	b.state = committed
	return nil
}

func (b *Batch) commit() error {
	// Sync before renaming: otherwise a crash soon after can leave a target
	// renamed but empty (delayed allocation), with the old content gone.
	for _, f := range b.files {
		if err := f.Finish(); err != nil {
			return err
		}
	}
	// Keep every old target before replacing any, so that a failure here
	// (a folder in the way, no space for a copy) leaves all targets as they were.
	for _, f := range b.files {
		if b.aborted.Load() {
			return failed("không ghi được "+f.path, "cannot write "+f.path, ErrAborted)
		}
		if err := b.backup(f); err != nil {
			return failed("không giữ được bản cũ của "+f.path, "cannot keep the previous content of "+f.path, err)
		}
	}
	for _, f := range b.files {
		if b.aborted.Load() {
			return failed("không ghi được "+f.path, "cannot write "+f.path, ErrAborted)
		}
		if err := b.rename(f.tmp.Name(), f.abs); err != nil {
			return failed("không ghi được "+f.path, "cannot write "+f.path, err)
		}
		f.placed = true
	}
	// Every target is new: the old content is no longer needed.
	synced := map[string]bool{}
	for _, f := range b.files {
		if f.backup != "" {
			os.Remove(f.backup)
			f.backup = ""
		}
		// A rename is durable once its folder is synced. Best effort: not
		// every system can sync a folder, and the run has succeeded anyway.
		if dir := filepath.Dir(f.abs); !synced[dir] {
			synced[dir] = true
			if d, err := os.Open(dir); err == nil {
				d.Sync()
				d.Close()
			}
		}
	}
	return nil
}

func finish(tmp *os.File) error {
	// CreateTemp makes 0600; outputs are for sharing, as os.WriteFile's
	// usual 0644 would be. Chmod rather than umask: the mode is a promise.
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	return tmp.Close()
}

// backup keeps f's current target under a second name, so that a failure
// later in Commit can put it back with a rename, which cannot fail half-way.
// A hard link copies nothing and keeps mode, owner and inode; where links are
// not supported (FAT, some network shares) a regular file is copied.
func (b *Batch) backup(f *File) error {
	fi, err := os.Lstat(f.abs)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // on failure the new target is removed instead
	}
	if err != nil {
		return err
	}
	if fi.IsDir() {
		return &Error{vi: "đã có một thư mục trùng tên", en: "a folder of that name is in the way"}
	}
	dir, prefix := filepath.Dir(f.abs), "."+filepath.Base(f.abs)+".bak-"
	for range 100 {
		name := filepath.Join(dir, prefix+strconv.FormatUint(rand.Uint64(), 36))
		err = b.link(f.abs, name)
		if err == nil {
			f.backup = name
			return nil
		}
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if !fi.Mode().IsRegular() {
		return err
	}
	f.backup, err = copyFile(f.abs, dir, prefix+"*", fi.Mode().Perm())
	return err
}

func copyFile(src, dir, pattern string, perm fs.FileMode) (string, error) {
	in, err := os.Open(src)
	if err != nil {
		return "", err
	}
	defer in.Close()
	out, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", err
	}
	if _, err = io.Copy(out, in); err == nil {
		err = out.Chmod(perm)
	}
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(out.Name())
		return "", err
	}
	return out.Name(), nil
}

// Abort removes every temporary file and the folders Create made, unless
// Commit has succeeded, when it does nothing. It may be called more than once
// and from any goroutine, e.g. on SIGINT while writers are still writing or
// while Commit runs: it waits for Commit, which then rolls back, so that when
// Abort returns every target holds either all old or all new content. Writes
// after Abort fail with ErrAborted (see File.Write).
func (b *Batch) Abort() {
	b.aborted.Store(true)
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.state != open {
		return
	}
	b.state = discarded
	b.discard() // nothing is placed outside Commit, so nothing can fail to go back
}

// usable reports why the batch can no longer be changed, if it cannot.
func (b *Batch) usable() error {
	switch {
	case b.state == committed:
		return &Error{vi: "lượt ghi đã hoàn tất", en: "the run is already committed"}
	case b.state == discarded || b.aborted.Load():
		return ErrAborted
	}
	return nil
}

// discard undoes what Commit did, last file first, and removes the temporary
// and backup files and the folders Create made. Its error names the targets
// it could not put back; their backups are kept.
func (b *Batch) discard() error {
	var errs []error
	for _, f := range slices.Backward(b.files) {
		f.tmp.Close() // closing twice only returns an error; a concurrent Write then fails
		switch {
		case f.placed && f.backup != "":
			if err := os.Rename(f.backup, f.abs); err != nil {
				errs = append(errs, failed("không khôi phục được "+f.path+", bản cũ còn ở "+f.backup, "cannot put back "+f.path+"; its previous content is in "+f.backup, err))
				continue
			}
		case f.placed:
			if err := os.Remove(f.abs); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, failed("không xoá được "+f.path+" (trước lượt ghi chưa có tệp này)", "cannot remove "+f.path+" (it did not exist before the run)", err))
			}
		default:
			os.Remove(f.tmp.Name())
			if f.backup != "" {
				os.Remove(f.backup)
			}
		}
		f.placed, f.backup = false, ""
	}
	// Children were recorded after their parents. Remove fails, harmlessly,
	// on a folder that is not empty: something else is in it.
	for _, d := range slices.Backward(b.dirs) {
		os.Remove(d)
	}
	b.dirs = nil
	return errors.Join(errs...)
}

// mkdirAll makes dir and its missing parents, and records those it made so
// that discard can remove them.
func (b *Batch) mkdirAll(dir string) error {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); !errors.Is(err, fs.ErrNotExist) {
			break
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	if len(missing) == 0 {
		return nil
	}
	// Record even on failure: MkdirAll may have made some before failing.
	slices.Reverse(missing)
	b.dirs = append(b.dirs, missing...)
	return os.MkdirAll(dir, 0o755)
}

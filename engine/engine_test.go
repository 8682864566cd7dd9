package engine_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vanban-vn/vanban/engine"
)

// memSink keeps a render's outputs in memory, as a server would.
type memSink map[string]*bytes.Buffer

func (m memSink) Create(name string) (io.Writer, error) {
	b := &bytes.Buffer{}
	m[name] = b
	return b, nil
}

func seedPath() string { return filepath.Join("..", "examples", "cong-van-cchc-2023.yaml") }

// The library renders a document to any sink: the three formats of the seed.
func TestRenderToASink(t *testing.T) {
	doc, err := engine.Load(context.Background(), seedPath())
	if err != nil {
		t.Fatal(err)
	}
	sink := memSink{}
	if err := engine.Render(context.Background(), doc, "cv", engine.Options{}, sink); err != nil {
		t.Fatal(err)
	}
	for name, magic := range map[string]string{"cv.docx": "PK", "cv.pdf": "%PDF-", "cv.xlsx": "PK"} {
		if b := sink[name]; b == nil || !bytes.HasPrefix(b.Bytes(), []byte(magic)) {
			t.Errorf("%s not written", name)
		}
	}
}

// bigDoc is the seed with an appendix of n rows.
func bigDoc(t *testing.T, n int) string {
	t.Helper()
	src, err := os.ReadFile(seedPath())
	if err != nil {
		t.Fatal(err)
	}
	var rows strings.Builder
	rows.WriteString("    rows:\n")
	for i := range n {
		fmt.Fprintf(&rows, "      - [\"%d.1. Tiêu chí\", \"1\", \"0,5\", \"Lý do\", \"Nội dung\", \"1\"]\n", i+1)
	}
	path := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(path, []byte(strings.Replace(string(src), "    blank_rows: 3\n", rows.String(), 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Cancelling the context stops a long render promptly, with the context's
// error, and writes nothing.
func TestRenderCancelled(t *testing.T) {
	in := bigDoc(t, 30_000)
	doc, err := engine.Load(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var cancelled time.Time
	time.AfterFunc(50*time.Millisecond, func() { cancelled = time.Now(); cancel() })
	sink := memSink{}
	err = engine.Render(ctx, doc, "big", engine.Options{}, sink)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	// The layout and the writers are still at work on 30,000 rows; the
	// call returns without waiting for them.
	if took := time.Since(cancelled); took > 500*time.Millisecond {
		t.Errorf("returned %v after the cancel", took)
	}

	// Through RenderFiles: nothing is written, and an already cancelled
	// context reads nothing.
	out := t.TempDir()
	_, err = engine.RenderFiles(ctx, []string{seedPath()}, out, engine.Options{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("a cancelled render wrote %v", entries)
	}
}

// finishSink's writers record when they are finished; closers record a
// Close, which Render must never call (a sink may hand out os.Stdout).
type finishSink struct {
	finishers map[string]*finishWriter
	closers   map[string]*closeWriter
}

type finishWriter struct {
	bytes.Buffer
	finished  bool
	afterDone bool // written to after Finish
}

func (w *finishWriter) Write(p []byte) (int, error) {
	w.afterDone = w.afterDone || w.finished
	return w.Buffer.Write(p)
}

func (w *finishWriter) Finish() error { w.finished = true; return nil }

type closeWriter struct {
	bytes.Buffer
	closed bool
}

func (w *closeWriter) Close() error { w.closed = true; return nil }

func (s *finishSink) Create(name string) (io.Writer, error) {
	if strings.HasSuffix(name, ".xlsx") {
		w := &closeWriter{}
		s.closers[name] = w
		return w, nil
	}
	w := &finishWriter{}
	s.finishers[name] = w
	return w, nil
}

// Each output that can be finished is finished once its format is written
// (a batch's file is synced then, beside the others still being written),
// and nothing is written to it afterwards; a writer that is only an
// io.Closer is left open.
func TestRenderFinishesEachOutput(t *testing.T) {
	doc, err := engine.Load(context.Background(), seedPath())
	if err != nil {
		t.Fatal(err)
	}
	sink := &finishSink{finishers: map[string]*finishWriter{}, closers: map[string]*closeWriter{}}
	if err := engine.Render(context.Background(), doc, "cv", engine.Options{}, sink); err != nil {
		t.Fatal(err)
	}
	if len(sink.finishers) != 2 || len(sink.closers) != 1 {
		t.Fatalf("outputs %v %v", sink.finishers, sink.closers)
	}
	for name, w := range sink.finishers {
		if !w.finished || w.afterDone || w.Len() == 0 {
			t.Errorf("%s: finished %v, written after %v, %d bytes", name, w.finished, w.afterDone, w.Len())
		}
	}
	for name, w := range sink.closers {
		if w.closed {
			t.Errorf("%s was closed by Render", name)
		}
	}
}

package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// A panic in a handler becomes an error message; the server goes on.
func TestPanicIsAMessage(t *testing.T) {
	s, err := New(Config{Dir: t.TempDir(), Log: &strings.Builder{}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	h := s.guard(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom: an index out of range") }))
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/x", nil)
	req.Host = "127.0.0.1:8080"
	h.ServeHTTP(rec, req)
	var body struct {
		Error apiError `json:"error"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || rec.Code != 500 || body.Error.Msg == "" || strings.Contains(rec.Body.String(), "boom") {
		t.Errorf("%d %s", rec.Code, rec.Body.String())
	}
}

// Renders beyond the bound wait in the queue and all complete; beyond the
// queue's length a request is told the server is busy.
func TestLimiterQueues(t *testing.T) {
	l := newLimiter(2, 3)
	var running, peak int
	var mu sync.Mutex
	var wg sync.WaitGroup
	errs := make(chan error, 5)
	for range 5 {
		wg.Go(func() {
			release, err := l.acquire(context.Background())
			if err != nil {
				errs <- err
				return
			}
			mu.Lock()
			running++
			peak = max(peak, running)
			mu.Unlock()
			time.Sleep(20 * time.Millisecond)
			mu.Lock()
			running--
			mu.Unlock()
			release()
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("queued request failed: %v", err)
	}
	if peak != 2 {
		t.Errorf("%d ran at once, want 2", peak)
	}
	// Full: two running, three waiting; the sixth is refused at once.
	hold := make(chan struct{})
	for range 5 {
		go func() {
			release, err := l.acquire(context.Background())
			if err == nil {
				<-hold
				release()
			}
		}()
	}
	time.Sleep(50 * time.Millisecond)
	start := time.Now()
	if _, err := l.acquire(context.Background()); err != errBusy || time.Since(start) > time.Second {
		t.Errorf("a request over the queue: %v after %v", err, time.Since(start))
	}
	close(hold)
}

func TestBaseName(t *testing.T) {
	for in, want := range map[string]string{"": "van-ban", "cong-van.yaml": "cong-van", "../../etc/passwd": "passwd", `C:\x\y.yml`: "y",
		"Công văn số 1": "C-ng-v-n-s-1", "<b>x</b>": "b", "...": "van-ban", strings.Repeat("a", 200): strings.Repeat("a", 80)} {
		if got := baseName(in); got != want {
			t.Errorf("baseName(%q) = %q, want %q", in, got, want)
		}
	}
}

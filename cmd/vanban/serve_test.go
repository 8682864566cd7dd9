package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a buffer written by the command while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var servedAt = regexp.MustCompile(`http://\S+/(\?token=[0-9a-f]+)?`)

// serve runs `vanban serve args` until the URL is printed, and returns it
// with a function that stops the server and gives its exit code.
func serve(t *testing.T, args ...string) (string, *syncBuffer, func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	code := make(chan int, 1)
	go func() { code <- runContext(ctx, append([]string{"serve"}, args...), &stdout, &stderr) }()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if u := servedAt.FindString(stdout.String()); u != "" {
			return u, &stdout, func() int { cancel(); return <-code }
		}
		select {
		case c := <-code:
			cancel()
			t.Fatalf("serve exited with %d: %s", c, stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	cancel()
	t.Fatalf("serve printed no address: %s %s", stdout.String(), stderr.String())
	return "", nil, nil
}

func TestServe(t *testing.T) {
	u, out, stop := serve(t, "--addr", "127.0.0.1:0", "--dir", t.TempDir(), "--profile", "../../docs/ho-so-co-quan.yaml")
	if strings.Contains(u, "token") || !strings.Contains(out.String(), "chỉ trên máy này") {
		t.Errorf("a loopback server printed %q", out.String())
	}
	res, err := http.Get(u + "api/meta")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("GET meta: %v %v", err, res)
	}
	res.Body.Close()
	if code := stop(); code != exitOK {
		t.Errorf("stopped with %d", code)
	}

	// Another address: the token is printed, and needed.
	u, out, stop = serve(t, "--addr", "0.0.0.0:0", "--dir", t.TempDir())
	if !strings.Contains(u, "?token=") || !strings.Contains(out.String(), "cần mã") {
		t.Errorf("a non-local server printed %q", out.String())
	}
	parsed, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	res, err = http.Get("http://127.0.0.1:" + parsed.Port() + "/api/meta")
	if err != nil || res.StatusCode != http.StatusUnauthorized {
		t.Errorf("without the token: %v %v", err, res)
	} else {
		res.Body.Close()
	}
	if code := stop(); code != exitOK {
		t.Errorf("stopped with %d", code)
	}
}

func TestServeUsage(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "tep.yaml"},
		{"serve", "--profile", "khong-co.yaml"},
		{"serve", "--dir", "/khong/co/thu/muc"},
		{"serve", "--addr", "not an address"},
		{"serve", "--bogus"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != exitUsage {
			t.Errorf("%v: exit %d, want %d: %s", args, code, exitUsage, stderr.String())
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"help", "serve"}, &stdout, &stderr); code != exitOK || !strings.Contains(stderr.String()+stdout.String(), "--profile") {
		t.Errorf("help serve: %d %s %s", code, stdout.String(), stderr.String())
	}
}

// The YAML the editor downloads, rendered by `vanban render`, gives the
// very bytes of the editor's DOCX, PDF and XLSX downloads.
func TestServeYAMLRendersAsDownloaded(t *testing.T) {
	u, _, stop := serve(t, "--addr", "127.0.0.1:0", "--dir", "../../examples")
	defer stop()
	var meta struct {
		CSRF string `json:"csrf"`
	}
	res, err := http.Get(u + "api/meta")
	if err != nil {
		t.Fatal(err)
	}
	json.NewDecoder(res.Body).Decode(&meta)
	res.Body.Close()
	call := func(method, path string, body []byte) []byte {
		t.Helper()
		req, _ := http.NewRequest(method, u+path, bytes.NewReader(body))
		req.Header.Set("X-Vanban-Csrf", meta.CSRF)
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		data, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 {
			t.Fatalf("%s %s: %d %s", method, path, res.StatusCode, data)
		}
		return data
	}
	var opened struct {
		Draft json.RawMessage `json:"draft"`
	}
	json.Unmarshal(call("GET", "api/file?name=cong-van-cchc-2023.yaml", nil), &opened)
	req, _ := json.Marshal(map[string]any{"draft": opened.Draft, "name": "tu-trinh-soan"})
	dir := t.TempDir()
	yml := filepath.Join(dir, "tu-trinh-soan.yaml")
	os.WriteFile(yml, call("POST", "api/download?format=yaml", req), 0o644)
	out := filepath.Join(dir, "out")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"render", "-o", out, yml}, &stdout, &stderr); code != exitOK {
		t.Fatalf("vanban render of the editor's YAML: %d %s", code, stderr.String())
	}
	for _, format := range []string{"docx", "pdf", "xlsx"} {
		want, err := os.ReadFile(filepath.Join(out, "tu-trinh-soan."+format))
		if err != nil {
			t.Fatal(err)
		}
		if got := call("POST", "api/download?format="+format, req); !bytes.Equal(got, want) {
			t.Errorf("%s: the editor's download (%d bytes) is not what vanban render writes (%d bytes)", format, len(got), len(want))
		}
	}
}

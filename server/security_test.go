package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	vanban "github.com/vanban-vn/vanban"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vanban-vn/vanban/internal/testtool"
	"github.com/vanban-vn/vanban/server"
)

func errorOf(t *testing.T, body []byte) string {
	t.Helper()
	var e struct {
		Error struct {
			Msg   string `json:"msg"`
			MsgEN string `json:"msgEN"`
		} `json:"error"`
	}
	if err := json.Unmarshal(body, &e); err != nil || e.Error.Msg == "" || e.Error.MsgEN == "" {
		t.Errorf("the error is not a message in both languages: %q", body)
	}
	return e.Error.MsgEN
}

// Bodies over their limit are refused with a message, before they are
// read whole.
func TestOversizeBodies(t *testing.T) {
	_, base := startServer(t, t.TempDir())
	c := newClient(t, base)
	big := bytes.Repeat([]byte("x"), server.MaxDraftBytes+1)
	draft := append(append([]byte(`{"draft":{"type":"cong-van","subject":"`), big...), `"}}`...)
	code, body := c.post("/api/preview", "application/json", bytes.NewReader(draft))
	if code != http.StatusRequestEntityTooLarge || !strings.Contains(errorOf(t, body), "too large") {
		t.Errorf("preview of %d MB: %d %s", len(draft)>>20, code, body[:min(200, len(body))])
	}
	code, body = c.post("/api/open?name=x.yaml", "text/plain", bytes.NewReader(big))
	if code != http.StatusRequestEntityTooLarge {
		t.Errorf("open of %d MB: %d %s", len(big)>>20, code, body[:min(200, len(body))])
	}
	// A returned form over 64 MB, streamed: refused, the rest unread.
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		mw.WriteField("draft", `{"type":"cong-van"}`)
		w, _ := mw.CreateFormFile("forms", "lon.xlsx")
		chunk := bytes.Repeat([]byte("x"), 1<<20)
		for range 70 {
			if _, err := w.Write(chunk); err != nil {
				break
			}
		}
		mw.Close()
		pw.Close()
	}()
	code, body = c.post("/api/merge", mw.FormDataContentType(), pr)
	pr.Close()
	if code != http.StatusRequestEntityTooLarge || !strings.Contains(errorOf(t, body), "larger than 64 MB") {
		t.Errorf("a 70 MB form: %d %s", code, body)
	}
}

// No name reaches outside the working folder: not a document opened or
// saved, not an uploaded file's name, not a rows_from form or an image of a
// draft, not an asset, not through a symbolic link.
func TestPathTraversal(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.yaml")
	os.WriteFile(secret, []byte("type: cong-van\nsubject: bí mật\n"), 0o644)
	os.WriteFile(filepath.Join(outside, "secret.csv"), []byte("STT,Tiêu chí\n1,x\n"), 0o644)
	work := t.TempDir()
	os.Symlink(secret, filepath.Join(work, "link.yaml"))
	os.Symlink(outside, filepath.Join(work, "ra-ngoai"))
	_, base := startServer(t, work)
	c := newClient(t, base)
	rel, _ := filepath.Rel(work, secret)
	for _, name := range []string{"../secret.yaml", rel, secret, "link.yaml", "ra-ngoai/secret.yaml", "a/../../secret.yaml", `..\secret.yaml`, ".hidden.yaml", "%2e%2e/secret.yaml", "x.yaml\x00"} {
		var reply map[string]any
		code := c.getJSON("/api/file?name="+url.QueryEscape(name), &reply)
		if code == 200 {
			t.Errorf("opened %q: %v", name, reply)
		}
		if b, _ := json.Marshal(reply); strings.Contains(string(b), "bí mật") {
			t.Errorf("%q: the secret is in the reply", name)
		}
		code, body := c.postJSON("/api/save", map[string]any{"name": name, "draft": map[string]any{"type": "cong-van"}, "overwrite": true})
		if code == 200 {
			t.Errorf("saved %q: %s", name, body)
		}
	}
	if data, _ := os.ReadFile(secret); !strings.Contains(string(data), "bí mật") {
		t.Error("the file outside was overwritten")
	}
	entries, _ := os.ReadDir(outside)
	if len(entries) != 2 {
		t.Errorf("a file was written outside the working folder: %d entries", len(entries))
	}
	// Uploaded files' names.
	for _, name := range []string{"../../evil.xlsx", `..\evil.xlsx`, "/tmp/evil.xlsx", ".evil.xlsx", "a/b.xlsx", "evil.sh", "x\x01.xlsx"} {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		mw.WriteField("draft", `{"type":"cong-van"}`)
		w, _ := mw.CreateFormFile("forms", name)
		w.Write([]byte("STT\n"))
		mw.Close()
		code, body := c.post("/api/merge", mw.FormDataContentType(), &buf)
		if code != http.StatusBadRequest {
			t.Errorf("upload named %q: %d %s", name, code, body)
		}
	}
	// rows_from and images in a draft: the model's error at the field.
	for _, d := range []map[string]any{
		{"appendices": []any{map[string]any{"title": "A", "columns": []any{map[string]any{"title": "STT", "kind": "index"}, map[string]any{"title": "Tiêu chí"}}, "rows_from": "../secret.csv"}}},
		{"appendices": []any{map[string]any{"title": "A", "columns": []any{map[string]any{"title": "STT", "kind": "index"}, map[string]any{"title": "Tiêu chí"}}, "rows_from": "ra-ngoai/secret.csv"}}},
		{"signer": map[string]any{"title": []string{"GIÁM ĐỐC"}, "name": "A", "signature_image": "../chu-ky.png"}},
	} {
		d["type"] = "cong-van"
		r := c.preview(d, "x")
		bad := false
		for _, f := range r.Findings {
			if f.Severity == "error" && (strings.HasPrefix(f.Path, "appendices[0].rows_from") || strings.HasPrefix(f.Path, "signer.signature_image")) {
				bad = true
			}
		}
		if !bad {
			t.Errorf("%v: no error at the path: %+v", d, r.Findings)
		}
	}
	// Assets.
	for _, p := range []string{"/assets/../go.mod", "/assets/..%2f..%2fgo.mod", "/assets/", "/assets/%2e%2e/server.go"} {
		req, _ := http.NewRequest("GET", strings.TrimSuffix(base, "/")+p, nil)
		res := c.do(req)
		data, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode == 200 && (strings.Contains(string(data), "module github.com") || strings.Contains(string(data), "package server")) {
			t.Errorf("%s served a file outside the assets", p)
		}
	}
}

// On an address other than loopback, every request needs the token; the
// printed URL sets it as a cookie.
func TestNonLocalNeedsToken(t *testing.T) {
	srv, err := server.New(server.Config{Addr: "0.0.0.0:0", Dir: t.TempDir(), Log: testLog{t}})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := srv.Listen()
	if err != nil {
		t.Fatal(err)
	}
	if server.IsLoopback(ln) {
		t.Fatal("0.0.0.0 taken for loopback")
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { srv.Serve(ctx, ln); close(done) }()
	defer func() { cancel(); <-done; srv.Close() }()
	printed := srv.URL(ln)
	if !strings.Contains(printed, "?token="+srv.Token()) || len(srv.Token()) < 32 {
		t.Errorf("the URL printed is %q", printed)
	}
	base := "http://" + net.JoinHostPort("127.0.0.1", portOf(ln)) + "/"
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, p := range []string{"", "api/meta", "assets/app.js", "?token=wrong"} {
		res, err := noRedirect.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusUnauthorized {
			t.Errorf("GET /%s without the token: %d", p, res.StatusCode)
		} else {
			errorOf(t, body)
		}
	}
	// With the token in the URL: a cookie, and a redirect that drops it.
	res, err := noRedirect.Get(base + "?token=" + srv.Token())
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	cookies := res.Cookies()
	if res.StatusCode != http.StatusSeeOther || len(cookies) != 1 || !cookies[0].HttpOnly || cookies[0].SameSite != http.SameSiteStrictMode {
		t.Fatalf("token URL: %d %v", res.StatusCode, cookies)
	}
	req, _ := http.NewRequest("GET", base+"api/meta", nil)
	req.AddCookie(cookies[0])
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != 200 {
		t.Errorf("with the cookie: %v %v", res.StatusCode, err)
	}
	req, _ = http.NewRequest("GET", base+"api/meta", nil)
	req.Header.Set("Authorization", "Bearer "+srv.Token())
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != 200 {
		t.Errorf("with the bearer token: %v %v", res.StatusCode, err)
	}
}

func portOf(ln net.Listener) string {
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}

// On loopback, only the server's own host names are answered (a site that
// points its name at 127.0.0.1 cannot read the editor), and the API
// answers only the page itself.
func TestHostAndCSRF(t *testing.T) {
	_, base := startServer(t, t.TempDir())
	c := newClient(t, base)
	draft := map[string]any{"draft": map[string]any{"type": "cong-van"}}
	body, _ := json.Marshal(draft)
	cases := []struct {
		name   string
		header map[string]string
		host   string
		want   int
	}{
		{"rebinding host", map[string]string{"Content-Type": "application/json"}, "evil.example:80", http.StatusMisdirectedRequest},
		{"no CSRF token", map[string]string{"Content-Type": "application/json", "X-Vanban-Csrf": "-"}, "", http.StatusForbidden},
		{"wrong CSRF token", map[string]string{"Content-Type": "application/json", "X-Vanban-Csrf": strings.Repeat("0", 32)}, "", http.StatusForbidden},
		{"cross-site fetch", map[string]string{"Content-Type": "application/json", "Sec-Fetch-Site": "cross-site"}, "", http.StatusForbidden},
		{"other origin", map[string]string{"Content-Type": "application/json", "Origin": "http://evil.example"}, "", http.StatusForbidden},
		{"a form post", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, "", http.StatusUnsupportedMediaType},
		{"the page", map[string]string{"Content-Type": "application/json", "Sec-Fetch-Site": "same-origin", "Origin": strings.TrimSuffix(base, "/")}, "", http.StatusOK},
	}
	for _, tc := range cases {
		req, _ := http.NewRequest("POST", base+"api/preview", bytes.NewReader(body))
		for k, v := range tc.header {
			req.Header.Set(k, v)
		}
		if tc.host != "" {
			req.Host = tc.host
		}
		res := c.do(req)
		data, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != tc.want {
			t.Errorf("%s: %d, want %d: %s", tc.name, res.StatusCode, tc.want, data)
		} else if tc.want != 200 {
			errorOf(t, data)
		}
	}
	// The page carries a strict Content Security Policy.
	res, _ := http.Get(base)
	res.Body.Close()
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("CSP: %q", csp)
	}
}

// A subject that is a script travels as text: JSON-escaped in the reply,
// a literal string in the pages, and written as a YAML string.
func TestScriptInjection(t *testing.T) {
	_, base := startServer(t, t.TempDir())
	c := newClient(t, base)
	script := `<script>alert(1)</script>`
	d := map[string]any{"type": "cong-van", "subject": script, "code": script, "place": `"><img src=x onerror=alert(1)>`, "body": script + "./.",
		"agency": map[string]any{"name": "SỞ NỘI VỤ"}, "signer": map[string]any{"title": []string{"GIÁM ĐỐC"}, "name": "A"}}
	code, body := c.postJSON("/api/preview", map[string]any{"draft": d, "name": "<b>x</b>"})
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	if bytes.Contains(body, []byte("<script>")) || bytes.Contains(body, []byte("<img")) {
		t.Error("the reply holds markup unescaped")
	}
	var r previewReply
	json.Unmarshal(body, &r)
	var text strings.Builder
	for _, p := range r.Pages {
		for _, tx := range p.Texts {
			text.WriteString(tx.Text)
		}
	}
	if !strings.Contains(text.String(), script) {
		t.Errorf("the pages do not show the subject as text: %s", text.String())
	}
	code, body = c.postJSON("/api/download?format=yaml", map[string]any{"draft": d, "name": "<b>x</b>"})
	if code != 200 || !bytes.Contains(body, []byte(`subject: "<script>alert(1)</script>"`)) {
		t.Errorf("YAML: %d %s", code, body)
	}
}

// Whatever a file holds, opening it answers with a draft or an error, never
// a crash; one that is not a vanban YAML document is an error with its line,
// in English too.
func TestOpenBadFiles(t *testing.T) {
	_, base := startServer(t, t.TempDir())
	c := newClient(t, base)
	for _, src := range []string{"", "a: [", "- 1\n- 2\n", "type: cong-van\nbody: \"open", "\xff\xfe", strings.Repeat("a: &a [*a]\n", 3), "x: *unknown", "type: cong-van\n---\ntype: to-trinh\n"} {
		code, body := c.post("/api/open?name=x.yaml", "text/plain", strings.NewReader(src))
		if code != http.StatusUnprocessableEntity {
			t.Errorf("%q: %d %s", src, code, body)
			continue
		}
		var e struct {
			Error struct {
				Errors []struct {
					Line  int    `json:"line"`
					MsgEN string `json:"msgEN"`
				} `json:"errors"`
			} `json:"error"`
		}
		if json.Unmarshal(body, &e) != nil || len(e.Error.Errors) == 0 || e.Error.Errors[0].Line < 1 || e.Error.Errors[0].MsgEN == "" {
			t.Errorf("%q: no error with a line and English: %s", src, body)
		}
	}
	root := testtool.RepoRoot(t)
	bad, _ := filepath.Glob(filepath.Join(root, "testdata", "bad", "*.yaml"))
	for _, f := range bad {
		src, _ := os.ReadFile(f)
		code, body := c.post("/api/open?name=x.yaml", "text/plain", bytes.NewReader(src))
		if code == 200 {
			var o struct {
				Draft json.RawMessage `json:"draft"`
			}
			json.Unmarshal(body, &o)
			c.preview(o.Draft, "x")
		} else if code != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d %s", filepath.Base(f), code, body)
		}
	}
}

// A file whose aliases expand past the model's limit is refused before the
// editor walks it: a few kilobytes could otherwise become millions of
// form cells (the model's own checks, vanban.DecodeYAML).
func TestOpenAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("type: cong-van\nx1: &r1 [a, a, a, a, a, a, a, a, a, a]\n")
	for k := 2; k <= 7; k++ {
		fmt.Fprintf(&b, "x%d: &r%d [", k, k)
		for i := range 10 {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*r%d", k-1)
		}
		b.WriteString("]\n")
	}
	// Rows of columns of cells, each a million: the form's grid.
	b.WriteString("appendices:\n  - title: X\n    columns: *r3\n    rows: *r6\n")
	start := time.Now()
	_, err := server.OpenYAML("x.yaml", []byte(b.String()))
	var list vanban.ErrorList
	if !errors.As(err, &list) || list[0].Rule != "limit-alias" || !strings.HasPrefix(list[0].Error(), "x.yaml:1:1:") {
		t.Errorf("err = %v", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("refused after %v", d)
	}
}

package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	vanban "github.com/vanban-vn/vanban"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vanban-vn/vanban/engine"
	"github.com/vanban-vn/vanban/internal/testtool"
	"github.com/vanban-vn/vanban/server"
)

// client talks to a test server as the page does.
type client struct {
	t    testing.TB
	base string
	csrf string
	http *http.Client
}

func newClient(t testing.TB, base string) *client {
	t.Helper()
	c := &client{t: t, base: strings.TrimSuffix(base, "/"), http: &http.Client{}}
	var meta struct {
		CSRF string `json:"csrf"`
	}
	c.getJSON("/api/meta", &meta)
	c.csrf = meta.CSRF
	return c
}

func (c *client) do(req *http.Request) *http.Response {
	c.t.Helper()
	if req.Header.Get("X-Vanban-Csrf") == "" && c.csrf != "" {
		req.Header.Set("X-Vanban-Csrf", c.csrf)
	}
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	return res
}

func (c *client) getJSON(path string, v any) int {
	c.t.Helper()
	req, _ := http.NewRequest("GET", c.base+path, nil)
	res := c.do(req)
	defer res.Body.Close()
	if v != nil {
		json.NewDecoder(res.Body).Decode(v)
	}
	return res.StatusCode
}

func (c *client) post(path, contentType string, body io.Reader) (int, []byte) {
	c.t.Helper()
	req, _ := http.NewRequest("POST", c.base+path, body)
	req.Header.Set("Content-Type", contentType)
	res := c.do(req)
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return res.StatusCode, data
}

func (c *client) postJSON(path string, v any) (int, []byte) {
	c.t.Helper()
	b, _ := json.Marshal(v)
	return c.post(path, "application/json", bytes.NewReader(b))
}

// open reads a YAML file into a draft through the page's own call.
func (c *client) open(file string) json.RawMessage {
	c.t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		c.t.Fatal(err)
	}
	code, body := c.post("/api/open?name="+filepath.Base(file), "text/plain; charset=utf-8", bytes.NewReader(src))
	if code != 200 {
		c.t.Fatalf("open %s: %d %s", file, code, body)
	}
	var o struct {
		Draft   json.RawMessage `json:"draft"`
		Ignored []string        `json:"ignored"`
	}
	json.Unmarshal(body, &o)
	if len(o.Ignored) > 0 {
		c.t.Errorf("open %s ignored %v", file, o.Ignored)
	}
	return o.Draft
}

type previewReply struct {
	Findings []server.Finding `json:"findings"`
	Errors   int              `json:"errors"`
	Warnings int              `json:"warnings"`
	Pages    []server.Page    `json:"pages"`
	Ms       float64          `json:"ms"`
}

func (c *client) preview(draft any, name string) previewReply {
	c.t.Helper()
	code, body := c.postJSON("/api/preview", map[string]any{"draft": draft, "name": name})
	if code != 200 {
		c.t.Fatalf("preview: %d %s", code, body)
	}
	var r previewReply
	if err := json.Unmarshal(body, &r); err != nil {
		c.t.Fatal(err)
	}
	return r
}

// Every example opened in the editor and downloaded as YAML renders with
// the command to the very bytes the editor's DOCX, PDF and XLSX downloads
// hold.
func TestDownloadsMatchTheCommand(t *testing.T) {
	examples := filepath.Join(testtool.RepoRoot(t), "examples")
	_, url := startServer(t, examples)
	c := newClient(t, url)
	files, _ := filepath.Glob(filepath.Join(examples, "*.yaml"))
	out := t.TempDir()
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".yaml")
		t.Run(name, func(t *testing.T) {
			draft := c.open(f)
			req := map[string]any{"draft": draft, "name": name}
			code, yml := c.postJSON("/api/download?format=yaml", req)
			if code != 200 {
				t.Fatalf("yaml: %d %s", code, yml)
			}
			// The YAML goes where the example is (its rows_from forms are
			// relative to it), under another name.
			path := filepath.Join(examples, ".editor-"+name+".yaml")
			if err := os.WriteFile(path, yml, 0o644); err != nil {
				t.Fatal(err)
			}
			defer os.Remove(path)
			dir := filepath.Join(out, name)
			res, err := engine.RenderFiles(context.Background(), []string{path}, dir, engine.Options{})
			if err != nil {
				t.Fatalf("the command refuses the editor's YAML: %v\n%s", err, yml)
			}
			for _, written := range res.Written {
				format := strings.TrimPrefix(filepath.Ext(written), ".")
				code, got := c.postJSON("/api/download?format="+format, req)
				if code != 200 {
					t.Fatalf("%s: %d %s", format, code, got)
				}
				want, _ := os.ReadFile(written)
				if !bytes.Equal(got, want) {
					t.Errorf("%s: the editor's download (%d bytes) differs from the command's (%d bytes)", format, len(got), len(want))
				}
			}
		})
	}
}

// A finding is placed at the field that causes it, with its rule; an
// error blocks the downloads, a warning does not.
func TestFindingsAtTheirFields(t *testing.T) {
	root := testtool.RepoRoot(t)
	_, url := startServer(t, t.TempDir())
	c := newClient(t, url)
	var draft map[string]any
	json.Unmarshal(c.open(filepath.Join(root, "examples", "cong-van-cchc-2023.yaml")), &draft)
	if r := c.preview(draft, "seed"); r.Errors != 0 || r.Warnings != 0 || len(r.Pages) != 3 {
		t.Fatalf("the seed: %d errors, %d warnings, %d pages", r.Errors, r.Warnings, len(r.Pages))
	}
	draft["place"] = "TP. HCM"
	draft["recipients"].([]any)[2] = "Cục Thuế tỉnh;"
	draft["date"] = "2024-02-30"
	draft["body"] = draft["body"].(string) + "\n\nMột đoạn có **chữ đậm chưa đóng."
	r := c.preview(draft, "seed")
	want := map[string]string{"place-full-name": "place", "list-punctuation": "recipients[2]", "date-invalid": "date", "body-markup": "body"}
	got := map[string]server.Finding{}
	for _, f := range r.Findings {
		got[f.Rule] = f
	}
	for rule, path := range want {
		f, ok := got[rule]
		if !ok {
			t.Errorf("no %s finding; got %+v", rule, r.Findings)
			continue
		}
		if f.Path != path {
			t.Errorf("%s at %q, want %q", rule, f.Path, path)
		}
	}
	if f, line := got["body-markup"], strings.Count(draft["body"].(string), "\n")+1; f.TextLine != line || f.TextCol != 13 || f.Severity != "error" {
		t.Errorf("body-markup at line %d:%d of the body (%s), want line %d:13, an error", f.TextLine, f.TextCol, f.Severity, line)
	}
	if len(r.Pages) != 3 {
		t.Errorf("a bold mark left open: %d pages previewed", len(r.Pages))
	}
	if r.Errors == 0 {
		t.Error("an invalid date is not an error")
	}
	// A draft with errors is not downloaded.
	code, body := c.postJSON("/api/download?format=pdf", map[string]any{"draft": draft, "name": "seed"})
	if code != http.StatusUnprocessableEntity || !strings.Contains(string(body), "date-invalid") {
		t.Errorf("a draft with errors downloads: %d %s", code, body)
	}
	// Warnings only: downloaded.
	draft["date"] = "2024-03"
	draft["body"] = strings.TrimSuffix(draft["body"].(string), "\n\nMột đoạn có **chữ đậm chưa đóng.")
	if code, body := c.postJSON("/api/download?format=pdf", map[string]any{"draft": draft, "name": "seed"}); code != 200 || !bytes.HasPrefix(body, []byte("%PDF")) {
		t.Errorf("a draft with warnings only: %d", code)
	}
	// A missing required field is placed at its field, and the page still
	// shows, with "…" where it goes.
	delete(draft, "subject")
	r = c.preview(draft, "seed")
	found := false
	for _, f := range r.Findings {
		found = found || f.Rule == "yaml-required" && f.Path == "subject"
	}
	if !found || len(r.Pages) == 0 {
		t.Errorf("missing subject: findings %+v, %d pages", r.Findings, len(r.Pages))
	}
}

// The returned forms are consolidated through the upload, as vanban merge
// does it.
func TestMergeUpload(t *testing.T) {
	t.Run("worker", func(t *testing.T) { testMergeUpload(t, nil) })
	t.Run("in-process", func(t *testing.T) { testMergeUpload(t, func(c *server.Config) { c.MergeCommand = nil }) })
}

func testMergeUpload(t *testing.T, edit func(*server.Config)) {
	root := testtool.RepoRoot(t)
	_, url := startServerWith(t, t.TempDir(), edit)
	c := newClient(t, url)
	draft := c.open(filepath.Join(root, "examples", "cong-van-cchc-2023.yaml"))
	forms, _ := filepath.Glob(filepath.Join(root, "examples", "tong-hop", "*.xlsx"))
	code, body := c.merge(draft, "cong-van-cchc-2023", forms, filepath.Join(root, "examples", "tong-hop", "don-vi.yaml"))
	if code != 200 {
		t.Fatalf("merge: %d %s", code, body)
	}
	var sum server.MergeSummary
	json.Unmarshal(body, &sum)
	if len(sum.Files) != 3 || sum.RowsOut != 8 || sum.RowsIn != 8 || len(sum.Outputs) != 4 || len(sum.Conflicts) != 1 {
		t.Errorf("summary: %+v", sum)
	}
	if strings.Contains(sum.Text, os.TempDir()) {
		t.Errorf("the report names the server's temporary folder:\n%s", sum.Text)
	}
	req, _ := http.NewRequest("GET", url+"api/merged/"+sum.ID+"/cong-van-cchc-2023-tong-hop.pdf", nil)
	res := c.do(req)
	pdf, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Errorf("merged PDF: %d", res.StatusCode)
	}
	var opened struct {
		Draft server.Draft `json:"draft"`
	}
	if c.getJSON("/api/merged/"+sum.ID+"/draft", &opened); len(opened.Draft.Appendices) != 1 || len(opened.Draft.Appendices[0].Rows) != 8 {
		t.Errorf("the consolidated draft: %+v", opened.Draft.Appendices)
	}
	// A form that does not fit: errors naming the file, nothing written.
	bad := filepath.Join(t.TempDir(), "so-y-te.csv")
	os.WriteFile(bad, []byte("STT,Không phải cột của biểu mẫu\n1,x\n"), 0o644)
	code, body = c.merge(draft, "cong-van-cchc-2023", []string{bad}, "")
	if code != http.StatusUnprocessableEntity || !strings.Contains(string(body), "so-y-te.csv") || strings.Contains(string(body), os.TempDir()) {
		t.Errorf("a bad form: %d %s", code, body)
	}
}

func (c *client) merge(draft json.RawMessage, name string, forms []string, units string) (int, []byte) {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("draft", string(draft))
	mw.WriteField("name", name)
	add := func(field, path, as string) {
		w, _ := mw.CreateFormFile(field, as)
		data, err := os.ReadFile(path)
		if err != nil {
			c.t.Fatal(err)
		}
		w.Write(data)
	}
	for _, f := range forms {
		add("forms", f, filepath.Base(f))
	}
	if units != "" {
		add("units", units, filepath.Base(units))
	}
	mw.Close()
	return c.post("/api/merge", mw.FormDataContentType(), &buf)
}

// Documents are opened from and saved to the working folder.
func TestWorkingFolder(t *testing.T) {
	root := testtool.RepoRoot(t)
	work := t.TempDir()
	seed, _ := os.ReadFile(filepath.Join(root, "examples", "cong-van-cchc-2023.yaml"))
	os.MkdirAll(filepath.Join(work, "2024"), 0o755)
	os.WriteFile(filepath.Join(work, "2024", "seed.yaml"), seed, 0o644)
	_, url := startServer(t, work)
	c := newClient(t, url)
	var list struct {
		Files []server.FileEntry `json:"files"`
	}
	if c.getJSON("/api/files", &list); len(list.Files) != 1 || list.Files[0].Name != "2024/seed.yaml" {
		t.Fatalf("files: %+v", list.Files)
	}
	var o server.Opened
	if code := c.getJSON("/api/file?name=2024/seed.yaml", &o); code != 200 || o.Draft == nil || o.Draft.Code != "SNV-CCHC&VTLT" {
		t.Fatalf("open: %d %+v", code, o.Draft)
	}
	code, body := c.postJSON("/api/save", map[string]any{"name": "2024/ban-moi.yaml", "draft": o.Draft})
	if code != 200 {
		t.Fatalf("save: %d %s", code, body)
	}
	saved, _ := os.ReadFile(filepath.Join(work, "2024", "ban-moi.yaml"))
	if !bytes.Equal(saved, o.Draft.YAML().YAML) {
		t.Error("the saved file is not the draft's YAML")
	}
	if code, _ := c.postJSON("/api/save", map[string]any{"name": "2024/ban-moi.yaml", "draft": o.Draft}); code != http.StatusConflict {
		t.Errorf("overwrite without asking: %d", code)
	}
	if code, _ := c.postJSON("/api/save", map[string]any{"name": "2024/ban-moi.yaml", "draft": o.Draft, "overwrite": true}); code != 200 {
		t.Errorf("overwrite: %d", code)
	}
	entries, _ := os.ReadDir(filepath.Join(work, "2024"))
	if len(entries) != 2 {
		t.Errorf("the folder holds %d files (a temporary file left?)", len(entries))
	}
}

func TestProfile(t *testing.T) {
	p, err := server.LoadProfile(filepath.Join(testtool.RepoRoot(t), "docs", "ho-so-co-quan.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	d := p.NewDraft("2024-03")
	if d.Agency == nil || d.Agency.Name != "SỞ NỘI VỤ" || d.Code != "SNV-VP" || d.Place != "Hà Tĩnh" || d.Signer.Name != "Lê Minh Đạo" || d.Archive != "VT, VP" {
		t.Errorf("new draft: %+v", d)
	}
	for _, bad := range []string{"agencies: [{nam: X}]", "signers: [{name: A}]", "place: [a, b]", "codes: {a: 1}"} {
		if _, err := server.ParseProfile("p.yaml", []byte(bad)); err == nil {
			t.Errorf("%q accepted", bad)
		} else if !strings.Contains(err.Error(), "p.yaml") {
			t.Errorf("%q: %v does not name the file", bad, err)
		}
	}
}

// A signature image of the working folder is read for the preview, and
// its place is outlined on the page.
func TestPreviewImages(t *testing.T) {
	root := testtool.RepoRoot(t)
	work := t.TempDir()
	img := image.NewNRGBA(image.Rect(0, 0, 60, 30))
	for x := range 60 {
		img.Set(x, 15, color.NRGBA{0, 0, 200, 255})
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	os.WriteFile(filepath.Join(work, "chu-ky.png"), buf.Bytes(), 0o644)
	_, url := startServer(t, work)
	c := newClient(t, url)
	var draft map[string]any
	json.Unmarshal(c.open(filepath.Join(root, "examples", "cong-van-cchc-2023.yaml")), &draft)
	draft["signer"].(map[string]any)["signature_image"] = "chu-ky.png"
	r := c.preview(draft, "seed")
	if r.Errors != 0 {
		t.Fatalf("findings: %+v", r.Findings)
	}
	images := 0
	for _, p := range r.Pages {
		images += len(p.Images)
	}
	if images == 0 {
		t.Error("the signature's place is not outlined in the preview")
	}
	draft["signer"].(map[string]any)["signature_image"] = "khong-co.png"
	r = c.preview(draft, "seed")
	found := false
	for _, f := range r.Findings {
		found = found || f.Path == "signer.signature_image" && f.Severity == "error"
	}
	if !found {
		t.Errorf("a missing image: %+v", r.Findings)
	}
}

// A profile is read as every input is: a FIFO is refused at once, not
// waited on, and a missing file is said in both languages.
func TestLoadProfileRefuses(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := server.LoadProfile(fifo); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "không phải tệp thường") {
			t.Errorf("FIFO: %v", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("LoadProfile waits on a FIFO")
	}
	_, err := server.LoadProfile(filepath.Join(dir, "none.yaml"))
	var list vanban.ErrorList
	if !errors.As(err, &list) || list[0].MsgEN == "" || !strings.Contains(list[0].Msg, "không tồn tại") {
		t.Errorf("missing: %v", err)
	}
}

package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/check"
	"github.com/vanban-vn/vanban/engine"
	"github.com/vanban-vn/vanban/form"
)

// Finding is an error of the model or a finding of vanban check, placed at
// the form's field: Path is the field's path in the page ("place",
// "recipients[1]", "body"); TextLine and TextCol place it inside a
// multi-line text. Line and Column are its place in the YAML.
type Finding struct {
	Path     string `json:"path"`
	Severity string `json:"severity"` // "error" blocks the download; "warning" does not
	Rule     string `json:"rule"`
	Spec     string `json:"spec,omitempty"`
	Msg      string `json:"msg"`
	MsgEN    string `json:"msgEN"`
	Line     int    `json:"line,omitempty"`
	Column   int    `json:"column,omitempty"`
	TextLine int    `json:"textLine,omitempty"`
	TextCol  int    `json:"textCol,omitempty"`
	File     string `json:"file,omitempty"` // a returned form's, for errors in one
	Sheet    string `json:"sheet,omitempty"`
	Cell     string `json:"cell,omitempty"`
}

// errorFinding places a model error; w is the YAML it was read from (nil
// for a file that is not the draft).
func errorFinding(e *vanban.Error, w *Written) Finding {
	f := Finding{Severity: "error", Rule: e.Rule, Msg: e.Msg, MsgEN: e.MsgEN, Line: e.Pos.Line, Column: e.Pos.Column,
		Sheet: e.Sheet, Cell: e.Cell, File: e.File, Path: e.Field}
	if f.MsgEN == "" {
		f.MsgEN = f.Msg
	}
	if w != nil {
		f.File = ""
		f.Path, f.TextLine, f.TextCol = w.place(e.Pos, e.Field)
		if e.Sheet != "" || e.Cell != "" {
			f.File = e.File
		}
	}
	return f
}

func checkFinding(c check.Finding, w *Written) Finding {
	sev := "warning"
	if c.Severity == check.Error {
		sev = "error"
	}
	f := Finding{Severity: sev, Rule: c.Rule, Spec: c.Spec, Msg: c.Msg, MsgEN: c.MsgEN, Line: c.Pos.Line, Column: c.Pos.Column, Sheet: c.Sheet, Cell: c.Cell}
	if f.MsgEN == "" {
		f.MsgEN = f.Msg
	}
	f.Path, f.TextLine, f.TextCol = w.place(c.Pos, "")
	return f
}

// place is the form field of a position in the written YAML. A model error
// that points at a mapping rather than a value (a required field missing)
// names the field itself.
func (w *Written) place(p vanban.Pos, field string) (path string, textLine, textCol int) {
	if p.Line < 1 || p.Line > len(w.lines) {
		return field, 0, 0
	}
	li := w.lines[p.Line-1]
	if li.textLine >= 0 {
		return li.path, li.textLine + 1, max(p.Column-li.indent, 1)
	}
	if field != "" && p.Column <= li.keyCol {
		return field, 0, 0
	}
	return li.path, 0, 0
}

// checked is a draft written, parsed and checked.
type checked struct {
	written  *Written
	doc      *vanban.Document // nil when the model refused it
	findings []Finding
	errors   int
	warnings int
}

// check writes the draft as YAML, parses it as the command would a file
// named name, reads its rows_from forms from the working folder and runs
// vanban check's rules.
func (s *Server) check(ctx context.Context, d *Draft, name string) *checked {
	c := &checked{written: d.YAML()}
	doc, err := vanban.Parse(name, c.written.YAML)
	if err == nil {
		err = form.ResolveRowsFrom(ctx, doc, s.root.FS(), ".")
	}
	if err == nil {
		err = vanban.ReadImages(doc, s.root.FS(), ".")
	}
	if err != nil {
		var list vanban.ErrorList
		if !errors.As(err, &list) {
			list = vanban.ErrorList{{File: name, Rule: "internal", Msg: errText(err), MsgEN: errText(err)}}
		}
		for _, e := range list {
			c.findings = append(c.findings, errorFinding(e, c.written))
		}
		c.errors = len(c.findings)
		return c
	}
	c.doc = doc
	for _, f := range engine.Findings(doc, nil) {
		ff := checkFinding(f, c.written)
		c.findings = append(c.findings, ff)
		if ff.Severity == "error" {
			c.errors++
		} else {
			c.warnings++
		}
	}
	return c
}

// memSink keeps a render's outputs in memory.
type memSink struct {
	mu    sync.Mutex
	files map[string]*bytes.Buffer
	names []string
}

func (m *memSink) Create(name string) (io.Writer, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.files == nil {
		m.files = map[string]*bytes.Buffer{}
	}
	b := &bytes.Buffer{}
	m.files[name] = b
	m.names = append(m.names, name)
	return b, nil
}

// PreviewResult is what the page shows after a pause in typing.
type PreviewResult struct {
	Findings []Finding `json:"findings"`
	Errors   int       `json:"errors"`
	Warnings int       `json:"warnings"`
	// Pages are the PDF's pages; nil when the draft cannot be rendered
	// (the page keeps showing the last ones).
	Pages []Page `json:"pages"`
	// Placeholders says the pages show "…" for missing fields and leave
	// out the values the model refused.
	Placeholders bool `json:"placeholders,omitempty"`
	// Millis is the server's time for the request.
	Millis float64 `json:"ms"`
}

type previewRequest struct {
	Draft *Draft `json:"draft"`
	Name  string `json:"name"`
}

func (s *Server) preview(w http.ResponseWriter, r *http.Request) (any, error) {
	start := time.Now()
	ctx, cancel := context.WithTimeout(r.Context(), 30*time.Second)
	defer cancel()
	// A slot before the body is read: the memory of drafts being decoded is
	// then bounded by the slots, not by the requests.
	release, err := s.renders.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	var req previewRequest
	if err := decodeJSON(w, r, MaxDraftBytes, &req); err != nil {
		return nil, err
	}
	if req.Draft == nil {
		return nil, fail(http.StatusBadRequest, "thiếu văn bản (draft)", "the draft is missing")
	}
	res, err := s.previewDraft(ctx, req.Draft, baseName(req.Name))
	if err != nil {
		return nil, err
	}
	res.Millis = float64(time.Since(start).Microseconds()) / 1000
	return res, nil
}

// previewDraft checks a draft and renders its PDF's pages.
func (s *Server) previewDraft(ctx context.Context, d *Draft, base string) (*PreviewResult, error) {
	c := s.check(ctx, d, base+".yaml")
	res := &PreviewResult{Findings: c.findings, Errors: c.errors, Warnings: c.warnings}
	if res.Findings == nil {
		res.Findings = []Finding{}
	}
	// A draft the model refuses is previewed with "…" where a required
	// field is missing and without the values it refuses, so that the page
	// shows while the officer fills the form in; the findings are the
	// draft's own.
	var filled []string
	seen := map[string]bool{}
	for _, f := range res.Findings {
		seen[f.Rule+"\x00"+f.Path+"\x00"+f.Msg] = true
	}
	// more adds what the placeholder draft finds in the officer's own
	// values: errors the first parse did not reach (a rows_from form read
	// only once the document parses), then the style rules.
	more := func(found []Finding) {
		for _, f := range found {
			key := f.Rule + "\x00" + f.Path + "\x00" + f.Msg
			if under(f.Path, filled) || seen[key] {
				continue
			}
			seen[key] = true
			res.Findings = append(res.Findings, f)
			if f.Severity == "error" {
				res.Errors++
			} else {
				res.Warnings++
			}
		}
	}
	for round := 0; c.doc == nil && round < 4; round++ {
		if round > 0 {
			more(c.findings)
		}
		pd, changed, ok := withPlaceholders(d, c.findings)
		if !ok {
			return res, nil
		}
		d, c = pd, s.check(ctx, pd, base+".yaml")
		filled = append(filled, changed...)
		res.Placeholders = true
	}
	if c.doc == nil {
		return res, nil
	}
	if res.Placeholders {
		more(c.findings)
	}
	// A document that reads files of the working folder (rows_from, images)
	// is not cached: the files may change.
	cacheable := len(c.doc.Images()) == 0
	for _, a := range c.doc.Appendices {
		cacheable = cacheable && a.RowsFrom == ""
	}
	key := sha256.Sum256(c.written.YAML)
	if pages, ok := s.cache.get(key); ok && cacheable {
		res.Pages = pages
		return res, nil
	}
	var sink memSink
	if err := engine.Render(ctx, c.doc, base, engine.Options{Formats: engine.Formats{engine.PDF: true}}, &sink); err != nil {
		var list vanban.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				res.Findings = append(res.Findings, errorFinding(e, c.written))
				res.Errors++
			}
			return res, nil
		}
		return nil, err
	}
	pages, err := readPages(sink.files[base+".pdf"].Bytes())
	if err != nil {
		return nil, fail(http.StatusInternalServerError, "lỗi nội bộ khi xem trước: "+errText(err), "internal error in the preview: "+errText(err))
	}
	if cacheable {
		s.cache.put(key, pages)
	}
	res.Pages = pages
	return res, nil
}

// previewCache keeps the pages of the last drafts by their YAML's hash, so
// that a request repeated (a field left, then entered again) costs nothing.
type previewCache struct {
	mu    sync.Mutex
	max   int
	items map[[32]byte][]Page
	order [][32]byte
}

func newPreviewCache(n int) *previewCache {
	return &previewCache{max: n, items: map[[32]byte][]Page{}}
}

func (c *previewCache) get(k [32]byte) ([]Page, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.items[k]
	return p, ok
}

func (c *previewCache) put(k [32]byte, p []Page) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[k]; ok {
		return
	}
	c.items[k] = p
	c.order = append(c.order, k)
	for len(c.order) > c.max {
		delete(c.items, c.order[0])
		c.order = c.order[1:]
	}
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// baseName is a safe file name (without extension) for a document's
// outputs: ASCII letters, digits, dot, dash, underscore; "van-ban" when
// nothing is left.
func baseName(name string) string {
	name = strings.TrimSpace(name)
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	for _, ext := range []string{".yaml", ".yml"} {
		name = strings.TrimSuffix(name, ext)
	}
	name = strings.Trim(unsafeName.ReplaceAllString(name, "-"), ".-")
	if len(name) > 80 {
		name = name[:80]
	}
	if name == "" {
		return "van-ban"
	}
	return name
}

var contentTypes = map[string]string{
	"pdf":  "application/pdf",
	"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"yaml": "application/yaml; charset=utf-8",
}

// download renders the draft to one format (or gives its YAML) as a file.
// A draft with errors is refused with them: it cannot be issued.
func (s *Server) download(w http.ResponseWriter, r *http.Request) (any, error) {
	format := r.URL.Query().Get("format")
	if _, ok := contentTypes[format]; !ok {
		return nil, fail(http.StatusBadRequest, "định dạng phải là docx, pdf, xlsx hoặc yaml", "the format must be docx, pdf, xlsx or yaml")
	}
	var req previewRequest
	if err := decodeJSON(w, r, MaxDraftBytes, &req); err != nil {
		return nil, err
	}
	if req.Draft == nil {
		return nil, fail(http.StatusBadRequest, "thiếu văn bản (draft)", "the draft is missing")
	}
	base := baseName(req.Name)
	if format == "yaml" {
		// The draft as it stands, errors and all: the officer's work.
		sendFile(w, base+".yaml", req.Draft.YAML().YAML)
		return nil, nil
	}
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Minute)
	defer cancel()
	release, err := s.renders.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	c := s.check(ctx, req.Draft, base+".yaml")
	if c.errors > 0 {
		e := fail(http.StatusUnprocessableEntity, fmt.Sprintf("văn bản còn %d lỗi: hãy sửa trước khi tải về", c.errors), fmt.Sprintf("the document has %d errors: fix them before downloading", c.errors))
		for _, f := range c.findings {
			if f.Severity == "error" {
				e.Errors = append(e.Errors, f)
			}
		}
		return nil, e
	}
	var sink memSink
	if err := engine.Render(ctx, c.doc, base, engine.Options{Formats: engine.Formats{engine.Format(format): true}}, &sink); err != nil {
		return nil, err
	}
	out, ok := sink.files[base+"."+format]
	if !ok {
		return nil, fail(http.StatusInternalServerError, "không tạo được tệp", "no file was made")
	}
	sendFile(w, base+"."+format, out.Bytes())
	return nil, nil
}

func sendFile(w http.ResponseWriter, name string, data []byte) {
	ext := name[strings.LastIndexByte(name, '.')+1:]
	ct := contentTypes[ext]
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, name))
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	w.WriteHeader(http.StatusOK)
	w.Write(data)
}

package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/engine"
	"github.com/vanban-vn/vanban/form"
)

// MergeFile is one returned form in the merge summary.
type MergeFile struct {
	Name     string   `json:"name"`
	Unit     string   `json:"unit"`
	Sheet    string   `json:"sheet,omitempty"`
	Rows     int      `json:"rows"`
	Same     []string `json:"same,omitempty"`
	Replaced string   `json:"replaced,omitempty"`
}

// MergeSummary is what the merge found and wrote.
type MergeSummary struct {
	Files      []MergeFile     `json:"files"`
	Own        int             `json:"own,omitempty"`
	OwnUnit    string          `json:"ownUnit,omitempty"`
	Missing    []string        `json:"missing"`
	Unexpected []string        `json:"unexpected"`
	Conflicts  []form.Conflict `json:"conflicts"`
	RowsIn     int             `json:"rowsIn"`
	RowsOut    int             `json:"rowsOut"`
	Text       string          `json:"text"`   // the command's report, in Vietnamese
	TextEN     string          `json:"textEN"` // and in English
	ID         string          `json:"id"`     // where the outputs are kept (GET /api/merged/ID/NAME)
	Outputs    []string        `json:"outputs"`
}

// merge consolidates the returned forms uploaded with the draft: the forms
// and the draft are written to a private temporary folder and go through
// engine.Merge as with vanban merge; the outputs are kept in memory for
// download. Merges queue behind their own bound, apart from the previews.
func (s *Server) merge(w http.ResponseWriter, r *http.Request) (any, error) {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		return nil, fail(http.StatusUnsupportedMediaType, "cần gửi các tệp biểu mẫu (multipart/form-data)", "expected the form files (multipart/form-data)")
	}
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Minute)
	defer cancel()
	// A slot first, then the upload: the files a merge may write to the
	// temporary folder are then bounded by the slots, not by the requests.
	release, err := s.merges.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	tmp, err := os.MkdirTemp("", "vanban-merge-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	up, err := s.readUpload(w, r, tmp)
	if err != nil {
		return nil, err
	}
	if up.draft == nil {
		return nil, fail(http.StatusBadRequest, "thiếu văn bản (draft)", "the draft is missing")
	}
	if len(up.forms) == 0 {
		return nil, fail(http.StatusBadRequest, "chưa chọn biểu mẫu nào để tổng hợp", "no returned form was chosen")
	}
	for _, a := range up.draft.Appendices {
		if strings.TrimSpace(a.RowsFrom) != "" {
			return nil, fail(http.StatusBadRequest, "phụ lục lấy dòng từ tệp (rows_from): hãy tổng hợp bằng lệnh vanban merge", "an appendix takes its rows from a file (rows_from): consolidate with the vanban merge command")
		}
	}
	base := baseName(up.name)
	c := s.check(ctx, up.draft, base+".yaml")
	if c.errors > 0 {
		e := fail(http.StatusUnprocessableEntity, fmt.Sprintf("văn bản còn %d lỗi: hãy sửa trước khi tổng hợp", c.errors), fmt.Sprintf("the document has %d errors: fix them before consolidating", c.errors))
		for _, f := range c.findings {
			if f.Severity == "error" {
				e.Errors = append(e.Errors, f)
			}
		}
		return nil, e
	}
	into := filepath.Join(tmp, base+".yaml")
	if err := os.WriteFile(into, c.written.YAML, 0o600); err != nil {
		return nil, err
	}
	out := filepath.Join(tmp, "out")
	if err := os.Mkdir(out, 0o700); err != nil {
		return nil, err
	}
	job := &MergeJob{Into: into, Forms: up.forms, Units: up.units, OutDir: out, Appendix: up.appendix, Subtotals: up.subtotals, Replace: up.replace}
	var reply *MergeReply
	if s.cfg.MergeCommand != nil {
		reply, err = s.runWorker(ctx, job)
	} else {
		reply = RunMergeJob(ctx, job)
	}
	if err != nil {
		return nil, err
	}
	if reply.Err != "" {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fail(http.StatusInternalServerError, "không tổng hợp được: "+up.display(reply.Err), "cannot consolidate: "+up.display(reply.Err))
	}
	if len(reply.Errors) > 0 {
		e := fail(http.StatusUnprocessableEntity, "không tổng hợp được: không tệp nào được ghi", "cannot consolidate: nothing was written")
		for _, er := range reply.Errors {
			f := errorFinding(er, nil)
			if er.File == into {
				f = errorFinding(er, c.written)
			}
			f.File = up.display(f.File)
			f.Msg, f.MsgEN = up.display(f.Msg), up.display(f.MsgEN)
			e.Errors = append(e.Errors, f)
		}
		return nil, e
	}
	outputs := &mergeOutputs{files: map[string][]byte{}}
	for _, p := range reply.Written {
		if filepath.Dir(p) != out {
			return nil, fmt.Errorf("merge wrote %q outside its folder", filepath.Base(p))
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		name := filepath.Base(p)
		outputs.files[name] = data
		outputs.names = append(outputs.names, name)
		outputs.size += len(data)
	}
	sum := reply.Summary
	sum.Text, sum.TextEN = up.display(sum.Text), up.display(sum.TextEN)
	for i := range sum.Files {
		f := &sum.Files[i]
		f.Name, f.Replaced = up.display(f.Name), up.display(f.Replaced)
		for k := range f.Same {
			f.Same[k] = up.display(f.Same[k])
		}
	}
	sum.Outputs = outputs.names
	sum.ID = s.results.put(outputs)
	return sum, nil
}

// MergeJob is one consolidation, its files on disk: what a merge worker
// reads on its standard input, as JSON.
type MergeJob struct {
	Into      string   `json:"into"`
	Forms     []string `json:"forms"`
	Units     string   `json:"units,omitempty"`
	OutDir    string   `json:"outDir"`
	Appendix  int      `json:"appendix"`
	Subtotals bool     `json:"subtotals,omitempty"`
	Replace   bool     `json:"replace,omitempty"`
}

// MergeReply is a consolidation's outcome: the files written and the
// summary, or the errors of the forms (nothing written), or another error.
type MergeReply struct {
	Written []string         `json:"written,omitempty"`
	Summary *MergeSummary    `json:"summary,omitempty"`
	Errors  vanban.ErrorList `json:"errors,omitempty"`
	Err     string           `json:"err,omitempty"`
}

// RunMergeJob consolidates with engine.Merge, as vanban merge does.
func RunMergeJob(ctx context.Context, job *MergeJob) *MergeReply {
	res, err := engine.Merge(ctx, engine.MergeOptions{Into: job.Into, Forms: job.Forms, UnitsFile: job.Units, OutDir: job.OutDir,
		Options: form.Options{Appendix: job.Appendix, Subtotals: job.Subtotals, Replace: job.Replace}})
	if err != nil {
		var list vanban.ErrorList
		if errors.As(err, &list) {
			return &MergeReply{Errors: list}
		}
		return &MergeReply{Err: errText(err)}
	}
	rep := res.Report
	sum := &MergeSummary{Own: rep.Own, OwnUnit: rep.OwnUnit, Missing: nonNil(rep.Missing), Unexpected: nonNil(rep.Unexpected),
		Conflicts: rep.Conflicts, RowsIn: rep.In.Rows, RowsOut: rep.Out.Rows, Text: rep.Text("vi"), TextEN: rep.Text("en")}
	if sum.Conflicts == nil {
		sum.Conflicts = []form.Conflict{}
	}
	for _, f := range rep.Files {
		sum.Files = append(sum.Files, MergeFile{Name: f.Path, Unit: f.Unit, Sheet: f.Sheet, Rows: f.Count.Rows, Replaced: f.Replaced, Same: f.Same})
	}
	return &MergeReply{Written: res.Written, Summary: sum}
}

// MergeWorker runs one merge job read from in, writing the reply to out:
// vanban serve runs its merges so, in a process of its own at a lower CPU
// priority, so that while officers upload forms the previews of those
// typing keep the CPU, and a merge that fails badly takes only its own
// process down.
func MergeWorker(ctx context.Context, in io.Reader, out io.Writer) int {
	lowerPriority()
	var job MergeJob
	if err := json.NewDecoder(io.LimitReader(in, 1<<20)).Decode(&job); err != nil {
		json.NewEncoder(out).Encode(&MergeReply{Err: "merge worker: " + errText(err)})
		return 2
	}
	if err := json.NewEncoder(out).Encode(RunMergeJob(ctx, &job)); err != nil {
		return 1
	}
	return 0
}

// runWorker runs a merge job in a worker process (Config.MergeCommand).
func (s *Server) runWorker(ctx context.Context, job *MergeJob) (*MergeReply, error) {
	cmd := s.cfg.MergeCommand(ctx)
	in, err := json.Marshal(job)
	if err != nil {
		return nil, err
	}
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &limitedWriter{w: &stderr, n: 64 << 10}
	runErr := cmd.Run()
	var reply MergeReply
	if err := json.Unmarshal(stdout.Bytes(), &reply); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		s.log.Printf("merge worker: %v: %s", runErr, stderr.String())
		return nil, fail(http.StatusInternalServerError, "lỗi nội bộ khi tổng hợp; không tệp nào được ghi, hãy thử lại", "internal error while consolidating; nothing was written, try again")
	}
	return &reply, nil
}

// limitedWriter keeps at most n bytes.
type limitedWriter struct {
	w io.Writer
	n int
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	if l.n > 0 {
		k := min(len(p), l.n)
		l.w.Write(p[:k])
		l.n -= k
	}
	return len(p), nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// upload is a merge request read to disk.
type upload struct {
	dir       string
	draft     *Draft
	name      string
	forms     []string // paths in the temporary folder, in the order sent
	units     string
	appendix  int
	subtotals bool
	replace   bool
}

// display names a file of the temporary folder as the officer sent it.
func (u *upload) display(s string) string {
	for _, sub := range []string{filepath.Join(u.dir, "forms") + string(filepath.Separator), filepath.Join(u.dir, "units") + string(filepath.Separator), filepath.Join(u.dir, "out") + string(filepath.Separator), u.dir + string(filepath.Separator)} {
		s = strings.ReplaceAll(s, sub, "")
	}
	return s
}

// readUpload streams a multipart merge request into dir: each file under
// its own name (checked: a plain file name, no folder), the draft decoded.
func (s *Server) readUpload(w http.ResponseWriter, r *http.Request, dir string) (*upload, error) {
	up := &upload{dir: dir}
	for _, sub := range []string{"forms", "units"} {
		if err := os.Mkdir(filepath.Join(dir, sub), 0o700); err != nil {
			return nil, err
		}
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxUploadBytes)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, fail(http.StatusBadRequest, "yêu cầu tải tệp không hợp lệ: "+errText(err), "the upload is not valid: "+errText(err))
	}
	seen := map[string]bool{}
	files := 0
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return nil, err
			}
			return nil, fail(http.StatusBadRequest, "yêu cầu tải tệp không hợp lệ: "+errText(err), "the upload is not valid: "+errText(err))
		}
		field := part.FormName()
		switch field {
		case "draft":
			var d Draft
			if err := json.NewDecoder(io.LimitReader(part, MaxDraftBytes)).Decode(&d); err != nil {
				return nil, fail(http.StatusBadRequest, "văn bản (draft) không hợp lệ: "+errText(err), "the draft is not valid: "+errText(err))
			}
			up.draft = &d
		case "name", "appendix", "subtotals", "replace":
			v, _ := io.ReadAll(io.LimitReader(part, 256))
			val := strings.TrimSpace(string(v))
			switch field {
			case "name":
				up.name = val
			case "appendix":
				n, err := strconv.Atoi(val)
				if err != nil || n < 1 {
					return nil, fail(http.StatusBadRequest, "số phụ lục không hợp lệ", "the appendix number is not valid")
				}
				up.appendix = n - 1
			case "subtotals":
				up.subtotals = val == "true"
			case "replace":
				up.replace = val == "true"
			}
		case "forms", "units":
			files++
			if files > MaxUploadFiles {
				return nil, fail(http.StatusRequestEntityTooLarge, fmt.Sprintf("quá nhiều tệp: tối đa %d", MaxUploadFiles), fmt.Sprintf("too many files: at most %d", MaxUploadFiles))
			}
			// The name as sent: Part.FileName keeps only its last
			// element, and a name with folders is refused, not cut.
			_, params, _ := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
			name, err := uploadName(params["filename"], field == "units")
			if err != nil {
				return nil, err
			}
			if seen[field+"/"+name] {
				return nil, fail(http.StatusBadRequest, fmt.Sprintf("hai tệp cùng tên %q: hãy đổi tên một tệp", name), fmt.Sprintf("two files named %q: rename one", name))
			}
			seen[field+"/"+name] = true
			p := filepath.Join(dir, field, name)
			if err := writeLimited(p, part, form.MaxFileBytes); err != nil {
				return nil, err
			}
			if field == "units" {
				if up.units != "" {
					return nil, fail(http.StatusBadRequest, "chỉ một danh sách đơn vị", "only one units list")
				}
				up.units = p
			} else {
				up.forms = append(up.forms, p)
			}
		default:
			return nil, fail(http.StatusBadRequest, fmt.Sprintf("trường %q không được nhận", field), fmt.Sprintf("field %q is not accepted", field))
		}
	}
	return up, nil
}

// uploadName checks the name a browser gives an uploaded file: a plain
// name, without folders, "..", control characters or a leading dot, with
// the extension of a form (.xlsx, .csv, .yaml) or of a units list (.yaml).
func uploadName(name string, units bool) (string, error) {
	bad := fail(http.StatusBadRequest, fmt.Sprintf("tên tệp %q không hợp lệ (không được có thư mục, \"..\" hay ký tự điều khiển)", name), fmt.Sprintf("file name %q is not valid (no folders, \"..\" or control characters)", name))
	if name == "" || len(name) > 255 || strings.ContainsAny(name, `/\:`) || strings.HasPrefix(name, ".") || strings.Contains(name, "..") ||
		strings.ContainsFunc(name, unicode.IsControl) || !filepath.IsLocal(name) {
		return "", bad
	}
	ext := strings.ToLower(filepath.Ext(name))
	ok := ext == ".yaml" || ext == ".yml"
	if !units {
		ok = ok || ext == ".xlsx" || ext == ".csv"
	}
	if !ok {
		if units {
			return "", fail(http.StatusBadRequest, fmt.Sprintf("%q: danh sách đơn vị là tệp .yaml", name), fmt.Sprintf("%q: the units list is a .yaml file", name))
		}
		return "", fail(http.StatusBadRequest, fmt.Sprintf("%q: biểu mẫu là tệp .xlsx, .csv hoặc .yaml", name), fmt.Sprintf("%q: a returned form is an .xlsx, .csv or .yaml file", name))
	}
	return name, nil
}

// writeLimited copies r into a new file of at most limit bytes.
func writeLimited(path string, r io.Reader, limit int64) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	n, err := io.Copy(f, io.LimitReader(r, limit+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if n > limit {
		return fail(http.StatusRequestEntityTooLarge, fmt.Sprintf("%s: tệp lớn hơn %d MB", filepath.Base(path), limit>>20), fmt.Sprintf("%s: the file is larger than %d MB", filepath.Base(path), limit>>20))
	}
	return nil
}

// mergedFile sends one output of a merge, or its YAML read into the form
// (name "draft").
func (s *Server) mergedFile(w http.ResponseWriter, r *http.Request) (any, error) {
	m := s.results.get(r.PathValue("id"))
	if m == nil {
		return nil, fail(http.StatusNotFound, "kết quả tổng hợp không còn; hãy tổng hợp lại", "the consolidated files are gone; consolidate again")
	}
	name := r.PathValue("name")
	if name == "draft" {
		for _, n := range m.names {
			if strings.HasSuffix(n, ".yaml") {
				return OpenYAML(n, m.files[n])
			}
		}
	}
	data, ok := m.files[name]
	if !ok {
		return nil, fail(http.StatusNotFound, "không có tệp này", "no such file")
	}
	sendFile(w, name, data)
	return nil, nil
}

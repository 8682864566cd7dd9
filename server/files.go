package server

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/nd30"
)

// TypeInfo is a document type as the form needs it: its name, its Mẫu,
// and which top-level fields it takes (0 not, 1 optional, 2 required;
// Attached: when it is the document a decision issues, attached_to given).
type TypeInfo struct {
	ID       string         `json:"id"`
	Name     string         `json:"name"`
	Form     string         `json:"form"`
	Typed    bool           `json:"typed"`
	Fields   map[string]int `json:"fields"`
	Attached map[string]int `json:"attached,omitempty"`
}

// Meta is what the page needs to build the form.
type Meta struct {
	CSRF         string              `json:"csrf"`
	Types        []TypeInfo          `json:"types"`
	TypedTypes   []string            `json:"typedTypes"`
	Stamps       map[string][]string `json:"stamps"`
	Prefixes     []string            `json:"prefixes"`
	MeetingKinds [][2]string         `json:"meetingKinds"`
	CopyKinds    [][2]string         `json:"copyKinds"`
	Honorifics   []string            `json:"honorifics"`
	TotalLabel   string              `json:"totalLabel"`
	Profile      *Profile            `json:"profile"`
	New          *Draft              `json:"new"`
	Today        string              `json:"today"`
	Dir          string              `json:"dir"`
	Limits       map[string]int64    `json:"limits"`
}

func (s *Server) meta(w http.ResponseWriter, r *http.Request) {
	m := &Meta{CSRF: s.csrf, Prefixes: []string{"TM.", "KT.", "TL.", "TUQ.", "Q."}, Honorifics: []string{"Ông", "Bà"},
		TotalLabel: nd30.TotalLabel, Profile: s.cfg.Profile, Dir: filepath.Base(absDir(s.cfg.Dir)),
		Stamps: map[string][]string{"secrecy": nd30.StampTexts(nd30.SecrecyStamps), "urgency": nd30.StampTexts(nd30.UrgencyStamps), "circulation": nd30.StampTexts(nd30.CirculationStamps)},
		Limits: map[string]int64{"draft": MaxDraftBytes, "upload": MaxUploadBytes, "files": MaxUploadFiles}}
	now := time.Now().In(nd30.VietnamTime)
	m.Today = now.Format("2006-01-02")
	m.New = s.cfg.Profile.NewDraft(now.Format("2006-01"))
	uses := func(u map[string]vanban.Use) map[string]int {
		out := map[string]int{}
		for k, v := range u {
			out[k] = int(v)
		}
		return out
	}
	for _, t := range nd30.DocumentTypes() {
		if !t.Laid() {
			continue
		}
		ti := TypeInfo{ID: t.ID, Name: t.Name, Form: t.Form, Typed: t.Family == nd30.Typed, Fields: uses(vanban.TypeFields(t, false))}
		if ti.Typed {
			ti.Attached = uses(vanban.TypeFields(t, true))
			m.TypedTypes = append(m.TypedTypes, t.ID)
		}
		m.Types = append(m.Types, ti)
	}
	for id, name := range nd30.MeetingKinds {
		m.MeetingKinds = append(m.MeetingKinds, [2]string{id, name})
	}
	sort.Slice(m.MeetingKinds, func(i, j int) bool { return m.MeetingKinds[i][0] < m.MeetingKinds[j][0] })
	for _, k := range nd30.CopyKinds() {
		m.CopyKinds = append(m.CopyKinds, [2]string{k.ID, k.Name})
	}
	writeJSON(w, http.StatusOK, m)
}

func absDir(dir string) string {
	if a, err := filepath.Abs(dir); err == nil {
		return a
	}
	return dir
}

// open reads a YAML file the officer chose on their machine (the body is
// the file) into the form.
func (s *Server) open(w http.ResponseWriter, r *http.Request) (any, error) {
	src, err := io.ReadAll(http.MaxBytesReader(w, r.Body, vanban.MaxInputBytes))
	if err != nil {
		return nil, err
	}
	name := baseName(r.URL.Query().Get("name")) + ".yaml"
	return OpenYAML(name, src)
}

// localName checks a path inside the working folder, as the page sends it:
// relative, with forward slashes, no "..", no hidden parts; a YAML file
// when yaml is set.
func localName(name string, yaml bool) (string, error) {
	bad := fail(http.StatusBadRequest, fmt.Sprintf("tên tệp %q không hợp lệ: chỉ dùng tệp trong thư mục làm việc", name), fmt.Sprintf("file name %q is not valid: only files inside the working folder can be used", name))
	if name == "" || len(name) > 255 || strings.ContainsAny(name, "\\:\x00") || !fs.ValidPath(name) || !filepath.IsLocal(filepath.FromSlash(name)) {
		return "", bad
	}
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") {
			return "", bad
		}
	}
	if ext := strings.ToLower(path.Ext(name)); yaml && ext != ".yaml" && ext != ".yml" {
		return "", fail(http.StatusBadRequest, "chỉ mở và lưu tệp .yaml", "only .yaml files are opened and saved")
	}
	return name, nil
}

// FileEntry is a document in the working folder.
type FileEntry struct {
	Name string `json:"name"`
	Size int64  `json:"size"`
}

// listFiles lists the YAML documents of the working folder (two levels).
func (s *Server) listFiles(w http.ResponseWriter, r *http.Request) (any, error) {
	var out []FileEntry
	fsys := s.root.FS()
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if p != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if strings.Count(p, "/") >= 1 {
				return fs.SkipDir
			}
			return nil
		}
		if ext := strings.ToLower(path.Ext(p)); (ext == ".yaml" || ext == ".yml") && d.Type().IsRegular() && len(out) < 1000 {
			if info, err := d.Info(); err == nil {
				out = append(out, FileEntry{Name: p, Size: info.Size()})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = []FileEntry{}
	}
	return map[string]any{"files": out}, nil
}

// openFile reads a YAML document of the working folder into the form.
func (s *Server) openFile(w http.ResponseWriter, r *http.Request) (any, error) {
	name, err := localName(r.URL.Query().Get("name"), true)
	if err != nil {
		return nil, err
	}
	info, err := s.root.Stat(filepath.FromSlash(name))
	if err != nil {
		return nil, notFound(name, err)
	}
	if !info.Mode().IsRegular() {
		return nil, fail(http.StatusBadRequest, "không phải tệp thường", "not a regular file")
	}
	if info.Size() > vanban.MaxInputBytes {
		return nil, fail(http.StatusRequestEntityTooLarge, "tệp lớn hơn 10 MB", "the file is larger than 10 MB")
	}
	f, err := s.root.Open(filepath.FromSlash(name))
	if err != nil {
		return nil, notFound(name, err)
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, vanban.MaxInputBytes+1))
	if err != nil {
		return nil, err
	}
	o, err := OpenYAML(name, src)
	if err != nil {
		return nil, err
	}
	return o, nil
}

func notFound(name string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fail(http.StatusNotFound, fmt.Sprintf("không có tệp %q trong thư mục làm việc", name), fmt.Sprintf("there is no file %q in the working folder", name))
	}
	return fail(http.StatusBadRequest, fmt.Sprintf("không mở được %q: chỉ dùng tệp trong thư mục làm việc", name), fmt.Sprintf("cannot open %q: only files inside the working folder can be used", name))
}

type saveRequest struct {
	Name      string `json:"name"`
	Draft     *Draft `json:"draft"`
	Overwrite bool   `json:"overwrite"`
}

// save writes the draft's YAML into the working folder, atomically (a
// temporary file renamed over the target), never outside it.
func (s *Server) save(w http.ResponseWriter, r *http.Request) (any, error) {
	var req saveRequest
	if err := decodeJSON(w, r, MaxDraftBytes, &req); err != nil {
		return nil, err
	}
	name, err := localName(req.Name, true)
	if err != nil {
		return nil, err
	}
	if req.Draft == nil {
		return nil, fail(http.StatusBadRequest, "thiếu văn bản (draft)", "the draft is missing")
	}
	target := filepath.FromSlash(name)
	if info, err := s.root.Lstat(target); err == nil {
		if !info.Mode().IsRegular() {
			return nil, fail(http.StatusBadRequest, "không ghi được: đây không phải tệp thường", "cannot write: not a regular file")
		}
		if !req.Overwrite {
			return nil, fail(http.StatusConflict, fmt.Sprintf("tệp %q đã có; chọn ghi đè để thay", name), fmt.Sprintf("%q exists; choose overwrite to replace it", name))
		}
	}
	if dir := filepath.Dir(target); dir != "." {
		if info, err := s.root.Stat(dir); err != nil || !info.IsDir() {
			return nil, notFound(filepath.ToSlash(dir), err)
		}
	}
	tmp := filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+".tmp-"+randomHex(6))
	f, err := s.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fail(http.StatusBadRequest, "không ghi được tệp: "+errText(err), "cannot write the file: "+errText(err))
	}
	data := req.Draft.YAML().YAML
	_, werr := f.Write(data)
	if werr == nil {
		// Synced before the rename, as internal/outfile does: otherwise a
		// crash soon after can leave the officer's file renamed but empty.
		werr = f.Sync()
	}
	if err := f.Close(); werr == nil {
		werr = err
	}
	if werr == nil {
		werr = s.root.Rename(tmp, target)
	}
	if werr != nil {
		s.root.Remove(tmp)
		return nil, fail(http.StatusInternalServerError, "không ghi được tệp: "+errText(werr), "cannot write the file: "+errText(werr))
	}
	return map[string]any{"saved": name, "size": len(data)}, nil
}

// Package server is vanban's editor: one page, served from the binary
// (vanban serve), where a drafting officer fills in a form and sees the PDF
// page beside it while typing, with every finding of vanban check next to
// the field that causes it, and downloads the DOCX, the PDF, the appendix
// form and the YAML, or consolidates the forms the departments sent back.
//
// The page is plain HTML, CSS and JavaScript embedded with go:embed
// (assets/); nothing is fetched from the network. Every request goes
// through package engine as the command does: the form's JSON is written as
// YAML (Draft.YAML), parsed by vanban.Parse, checked, and rendered to an
// in-memory sink. The preview is the PDF itself, read back into pages of
// positioned text and rules (pdfpages.go) that the page draws as SVG.
//
// Safe by default: it listens on 127.0.0.1 and answers only to that host
// name (no DNS rebinding); on any other address every request needs the
// token printed at start. Every API call carries a per-process CSRF token
// in a header; bodies are limited, renders queue behind a bound, files are
// read and written only inside the working folder (os.Root), and a panic
// becomes an error message.
package server

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	vanban "github.com/vanban-vn/vanban"
)

//go:embed assets
var assets embed.FS

// Limits.
const (
	// MaxDraftBytes bounds a form posted as JSON: a draft holds at most the
	// 10 MB of YAML the model reads, and JSON quoting adds little.
	MaxDraftBytes = vanban.MaxInputBytes + 2<<20
	// MaxUploadBytes bounds one merge request: the returned forms (each at
	// most form.MaxFileBytes), the units list and the draft.
	MaxUploadBytes = 512 << 20
	// MaxUploadFiles bounds the files of one merge request.
	MaxUploadFiles = 500
	// queueWait is how long a request waits for a render slot before the
	// server says it is busy.
	queueWait = 20 * time.Second
)

// Config says where and how the editor serves.
type Config struct {
	// Addr is host:port to listen on; "" is 127.0.0.1:8080.
	Addr string
	// Dir is the working folder: the only place files are opened from
	// (documents, rows_from forms) and saved to. "" is the current folder.
	Dir string
	// Profile is the agency's defaults and suggestions, or nil.
	Profile *Profile
	// Token is required from every request when the address is not a
	// loopback one; "" makes a random one (printed by the command).
	Token string
	// Renders bounds the renders running at once; more wait in a queue.
	// 0 is the number of CPUs.
	Renders int
	// Merges bounds the merges running at once (each reads many forms and
	// renders); 0 is 1, so that uploads leave CPU to the previews.
	Merges int
	// Log receives one line per failed request; nil is stderr.
	Log io.Writer
	// MergeCommand, when set, makes the command that runs a merge in a
	// process of its own (MergeWorker reads the job on its standard input):
	// vanban serve runs itself so, at a lower priority. Nil merges in
	// the server's process.
	MergeCommand func(ctx context.Context) *exec.Cmd
}

// Server is the editor. Make one with New; Serve it on a listener.
type Server struct {
	cfg     Config
	root    *os.Root
	csrf    string
	token   string
	local   atomic.Bool // set by Serve: the listener is loopback only
	hosts   atomic.Value
	renders *limiter
	merges  *limiter
	results *resultStore
	log     *log.Logger
	mux     *http.ServeMux
	cache   *previewCache
}

// New makes a server for cfg. The working folder must exist.
func New(cfg Config) (*Server, error) {
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:8080"
	}
	if cfg.Dir == "" {
		cfg.Dir = "."
	}
	if cfg.Renders <= 0 {
		cfg.Renders = runtime.GOMAXPROCS(0)
	}
	if cfg.Merges <= 0 {
		cfg.Merges = 1
	}
	if cfg.Log == nil {
		cfg.Log = os.Stderr
	}
	info, err := os.Stat(cfg.Dir)
	if err != nil || !info.IsDir() {
		return nil, fmt.Errorf("thư mục làm việc %q không dùng được (working folder): %v", cfg.Dir, err)
	}
	root, err := os.OpenRoot(cfg.Dir)
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg:     cfg,
		root:    root,
		csrf:    randomHex(16),
		token:   cfg.Token,
		renders: newLimiter(cfg.Renders, 256),
		merges:  newLimiter(cfg.Merges, 32),
		results: newResultStore(32, 512<<20, 30*time.Minute),
		log:     log.New(cfg.Log, "vanban serve: ", log.LstdFlags),
		cache:   newPreviewCache(64),
	}
	if s.token == "" {
		s.token = randomHex(24)
	}
	s.local.Store(true)
	s.hosts.Store(map[string]bool{})
	s.routes()
	return s, nil
}

// Token is the access token non-local clients must give.
func (s *Server) Token() string { return s.token }

// Close releases the working folder.
func (s *Server) Close() error { return s.root.Close() }

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return hex.EncodeToString(b)
}

// Listen opens the configured address.
func (s *Server) Listen() (net.Listener, error) {
	return net.Listen("tcp", s.cfg.Addr)
}

// IsLoopback reports whether a listener accepts connections from this
// machine only.
func IsLoopback(ln net.Listener) bool {
	a, ok := ln.Addr().(*net.TCPAddr)
	return ok && a.IP.IsLoopback()
}

// URL is the address to open in a browser: with the token when the
// listener is not loopback only.
func (s *Server) URL(ln net.Listener) string {
	a := ln.Addr().(*net.TCPAddr)
	host := a.IP.String()
	if a.IP.IsUnspecified() {
		host = "127.0.0.1"
		if h, err := os.Hostname(); err == nil && h != "" {
			host = h
		}
	}
	u := "http://" + net.JoinHostPort(host, fmt.Sprint(a.Port)) + "/"
	if !IsLoopback(ln) {
		u += "?token=" + s.token
	}
	return u
}

// Serve answers on ln until ctx ends, then shuts down gracefully (5 s).
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	s.configure(ln)
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute, // a merge uploads many forms
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          s.log,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err := srv.Shutdown(sctx)
		<-done
		return err
	}
}

// configure records how the listener is reached: loopback (then only its
// own host names are answered) or not (then the token is required).
func (s *Server) configure(ln net.Listener) {
	local := IsLoopback(ln)
	s.local.Store(local)
	hosts := map[string]bool{}
	if a, ok := ln.Addr().(*net.TCPAddr); ok {
		port := fmt.Sprint(a.Port)
		for _, h := range []string{"127.0.0.1", "localhost", "::1", a.IP.String()} {
			hosts[net.JoinHostPort(h, port)] = true
		}
	}
	s.hosts.Store(hosts)
}

// Handler is the editor's HTTP handler (Serve uses it; tests may too,
// after Configure).
func (s *Server) Handler() http.Handler { return s.guard(s.mux) }

// Configure tells a server used through Handler how it is reached.
func (s *Server) Configure(ln net.Listener) { s.configure(ln) }

func (s *Server) routes() {
	m := http.NewServeMux()
	static, _ := fs.Sub(assets, "assets")
	files := http.FileServerFS(static)
	m.HandleFunc("GET /{$}", s.index)
	m.Handle("GET /assets/", http.StripPrefix("/assets/", noDirs(files)))
	m.HandleFunc("GET /api/meta", s.meta)
	m.HandleFunc("POST /api/preview", s.api(s.preview))
	m.HandleFunc("POST /api/download", s.api(s.download))
	m.HandleFunc("POST /api/open", s.api(s.open))
	m.HandleFunc("GET /api/files", s.api(s.listFiles))
	m.HandleFunc("GET /api/file", s.api(s.openFile))
	m.HandleFunc("POST /api/save", s.api(s.save))
	m.HandleFunc("POST /api/merge", s.api(s.merge))
	m.HandleFunc("GET /api/merged/{id}/{name}", s.api(s.mergedFile))
	s.mux = m
}

// noDirs refuses folder listings of the assets, and has the browser ask
// again for them (a new binary serves new ones).
func noDirs(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "" || strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		h.ServeHTTP(w, r)
	})
}

func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	page, err := assets.ReadFile("assets/index.html")
	if err != nil {
		http.Error(w, "index missing", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(page)
}

// apiError is an error as the page shows it, in both languages.
type apiError struct {
	Status int       `json:"-"`
	Msg    string    `json:"msg"`
	MsgEN  string    `json:"msgEN"`
	Errors []Finding `json:"errors,omitempty"`
}

func (e *apiError) Error() string { return e.MsgEN }

func fail(status int, vi, en string) *apiError { return &apiError{Status: status, Msg: vi, MsgEN: en} }

// api wraps a handler that returns a value (sent as JSON), nothing (it
// wrote the response) or an error (sent as a message).
func (s *Server) api(h func(w http.ResponseWriter, r *http.Request) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := h(w, r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if v != nil {
			writeJSON(w, http.StatusOK, v)
		}
	}
}

func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	var ae *apiError
	var mbe *http.MaxBytesError
	var list vanban.ErrorList
	switch {
	case errors.As(err, &ae):
	case errors.As(err, &mbe):
		ae = fail(http.StatusRequestEntityTooLarge, fmt.Sprintf("yêu cầu quá lớn: tối đa %d MB", mbe.Limit>>20), fmt.Sprintf("the request is too large: at most %d MB", mbe.Limit>>20))
	case errors.As(err, &list):
		ae = fail(http.StatusUnprocessableEntity, "dữ liệu có lỗi", "the input has errors")
		for _, e := range list {
			ae.Errors = append(ae.Errors, errorFinding(e, nil))
		}
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		ae = fail(http.StatusServiceUnavailable, "máy chủ bận hoặc quá thời gian; hãy thử lại", "the server is busy or the request took too long; try again")
	default:
		s.log.Printf("%s %s: %v", r.Method, r.URL.Path, err)
		ae = fail(http.StatusInternalServerError, "lỗi: "+errText(err), "error: "+errText(err))
	}
	writeJSON(w, ae.Status, map[string]any{"error": ae})
}

func errText(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}

// decodeJSON reads a JSON body of at most limit bytes into v.
func decodeJSON(w http.ResponseWriter, r *http.Request, limit int64, v any) error {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		return fail(http.StatusUnsupportedMediaType, "cần nội dung JSON", "expected a JSON body")
	}
	body := http.MaxBytesReader(w, r.Body, limit)
	dec := json.NewDecoder(body)
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return fail(http.StatusBadRequest, "nội dung JSON không hợp lệ: "+errText(err), "the JSON body is not valid: "+errText(err))
	}
	return nil
}

// guard is every request's way in: it turns a panic into a message, and
// checks who is asking (host, token, CSRF) before anything is served.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &recorder{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Printf("panic in %s %s: %v\n%s", r.Method, r.URL.Path, v, debug.Stack())
				if !rec.wrote {
					writeJSON(w, http.StatusInternalServerError, map[string]any{"error": fail(http.StatusInternalServerError,
						"lỗi nội bộ của vanban; văn bản của bạn không bị ảnh hưởng, hãy thử lại", "internal error in vanban; your document is not affected, try again")})
				}
			}
		}()
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'")
		if !s.allowed(rec, r) {
			return
		}
		next.ServeHTTP(rec, r)
	})
}

// recorder notes whether a response was started.
type recorder struct {
	http.ResponseWriter
	wrote bool
}

func (r *recorder) WriteHeader(code int) { r.wrote = true; r.ResponseWriter.WriteHeader(code) }
func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.ResponseWriter.Write(b)
}
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

const (
	tokenCookie = "vanban_token"
	csrfHeader  = "X-Vanban-Csrf"
)

// allowed checks a request: on loopback, that it names this server's host
// (a page of another site cannot reach it through DNS rebinding); else,
// that it carries the token (the URL printed at start sets a cookie);
// for the API, that it comes from the page itself (CSRF header, fetch
// metadata, origin).
func (s *Server) allowed(w http.ResponseWriter, r *http.Request) bool {
	deny := func(status int, vi, en string) bool {
		writeJSON(w, status, map[string]any{"error": fail(status, vi, en)})
		return false
	}
	if s.local.Load() {
		if hosts := s.hosts.Load().(map[string]bool); len(hosts) > 0 && !hosts[r.Host] {
			return deny(http.StatusMisdirectedRequest, "tên máy không hợp lệ: hãy mở địa chỉ vanban serve in ra", "unknown host name: open the address vanban serve printed")
		}
	} else if !s.hasToken(r) {
		if q := r.URL.Query().Get("token"); q != "" && subtle.ConstantTimeCompare([]byte(q), []byte(s.token)) == 1 && r.Method == http.MethodGet {
			http.SetCookie(w, &http.Cookie{Name: tokenCookie, Value: s.token, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
			http.Redirect(w, r, "/", http.StatusSeeOther)
			return false
		}
		return deny(http.StatusUnauthorized, "cần mã truy cập: hãy mở đúng địa chỉ (có ?token=…) mà vanban serve in ra khi khởi động", "an access token is needed: open the address (with ?token=…) that vanban serve printed at start")
	}
	if strings.HasPrefix(r.URL.Path, "/api/") {
		switch r.Header.Get("Sec-Fetch-Site") {
		case "", "same-origin", "none":
		default:
			return deny(http.StatusForbidden, "yêu cầu từ trang khác bị từ chối", "a request from another site is refused")
		}
		if o := r.Header.Get("Origin"); o != "" && o != "http://"+r.Host {
			return deny(http.StatusForbidden, "yêu cầu từ trang khác bị từ chối", "a request from another site is refused")
		}
		if r.URL.Path != "/api/meta" && subtle.ConstantTimeCompare([]byte(r.Header.Get(csrfHeader)), []byte(s.csrf)) != 1 {
			return deny(http.StatusForbidden, "thiếu mã chống giả mạo (CSRF): hãy tải lại trang", "the anti-forgery (CSRF) token is missing: reload the page")
		}
	}
	return true
}

func (s *Server) hasToken(r *http.Request) bool {
	if c, err := r.Cookie(tokenCookie); err == nil && subtle.ConstantTimeCompare([]byte(c.Value), []byte(s.token)) == 1 {
		return true
	}
	if a := r.Header.Get("Authorization"); strings.HasPrefix(a, "Bearer ") && subtle.ConstantTimeCompare([]byte(a[len("Bearer "):]), []byte(s.token)) == 1 {
		return true
	}
	return false
}

// limiter bounds the work running at once; the rest waits in a queue of
// bounded length, each for at most its context.
type limiter struct {
	slots   chan struct{}
	waiting atomic.Int64
	maxWait int64
}

func newLimiter(n, queue int) *limiter {
	return &limiter{slots: make(chan struct{}, n), maxWait: int64(queue)}
}

var errBusy = fail(http.StatusServiceUnavailable, "máy chủ đang bận: quá nhiều yêu cầu đang chờ; hãy thử lại sau ít giây", "the server is busy: too many requests are waiting; try again in a few seconds")

// acquire waits for a slot; release it with the returned function.
func (l *limiter) acquire(ctx context.Context) (func(), error) {
	select {
	case l.slots <- struct{}{}:
		return func() { <-l.slots }, nil
	default:
	}
	if l.waiting.Add(1) > l.maxWait {
		l.waiting.Add(-1)
		return nil, errBusy
	}
	defer l.waiting.Add(-1)
	ctx, cancel := context.WithTimeout(ctx, queueWait)
	defer cancel()
	select {
	case l.slots <- struct{}{}:
		return func() { <-l.slots }, nil
	case <-ctx.Done():
		return nil, errBusy
	}
}

// resultStore keeps the outputs of merges for download, bounded in count,
// bytes and age.
type resultStore struct {
	mu       sync.Mutex
	items    map[string]*mergeOutputs
	order    []string
	maxItems int
	maxBytes int
	ttl      time.Duration
}

type mergeOutputs struct {
	files   map[string][]byte
	names   []string
	size    int
	created time.Time
}

func newResultStore(n, bytes int, ttl time.Duration) *resultStore {
	return &resultStore{items: map[string]*mergeOutputs{}, maxItems: n, maxBytes: bytes, ttl: ttl}
}

func (st *resultStore) put(m *mergeOutputs) string {
	id := randomHex(16)
	st.mu.Lock()
	defer st.mu.Unlock()
	m.created = time.Now()
	st.items[id] = m
	st.order = append(st.order, id)
	total := 0
	for _, it := range st.items {
		total += it.size
	}
	for len(st.order) > 1 && (len(st.order) > st.maxItems || total > st.maxBytes || time.Since(st.items[st.order[0]].created) > st.ttl) {
		total -= st.items[st.order[0]].size
		delete(st.items, st.order[0])
		st.order = st.order[1:]
	}
	return id
}

func (st *resultStore) get(id string) *mergeOutputs {
	st.mu.Lock()
	defer st.mu.Unlock()
	m := st.items[id]
	if m != nil && time.Since(m.created) > st.ttl {
		return nil
	}
	return m
}

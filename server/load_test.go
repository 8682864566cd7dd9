package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/vanban-vn/vanban/internal/testtool"
)

// loadResult is what a load run measured.
type loadResult struct {
	previews, errors    int
	p50, p95, max       time.Duration
	uploads, uploadErrs int
	uploadTime          time.Duration
}

func (r loadResult) String() string {
	return fmt.Sprintf("%d previews, %d errors, p50 %v, p95 %v, max %v", r.previews, r.errors,
		r.p50.Round(100*time.Microsecond), r.p95.Round(100*time.Microsecond), r.max.Round(100*time.Microsecond))
}

// seedForms writes n returned forms of the seed's appendix, rows rows each,
// as a spreadsheet program would (excelize), and returns their bytes.
func seedForms(t testing.TB, n, rows int) map[string][]byte {
	titles := []string{"STT", "Tiêu chí/Tiêu chí thành phần bị trừ điểm sau khi HĐTD chấm điểm lần 1", "Điểm tự chấm của tỉnh", "Điểm thẩm định lần 1",
		"Lý do trừ điểm", "Nội dung giải trình, TLKC bổ sung (lần 2)", "Điểm đề nghị điều chỉnh"}
	out := map[string][]byte{}
	for u := range n {
		f := excelize.NewFile()
		f.SetCellValue("Sheet1", "A1", "Đơn vị báo cáo:")
		f.SetCellValue("Sheet1", "C1", fmt.Sprintf("Đơn vị số %d", u+1))
		for c, title := range titles {
			ref, _ := excelize.CoordinatesToCellName(c+1, 3)
			f.SetCellValue("Sheet1", ref, title)
		}
		for r := range rows {
			row := []any{r + 1, fmt.Sprintf("%d.%d. Tiêu chí thành phần số %d", r/5+1, r%5+1, r), float64(r%3) + 0.5, float64(r%2) + 0.25,
				"Chưa đủ tài liệu kiểm chứng", fmt.Sprintf("Bổ sung văn bản số %d/UBND-NC ngày 05/3/2024", r), float64(r%4) + 0.75}
			for c, v := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, 4+r)
				f.SetCellValue("Sheet1", ref, v)
			}
		}
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			t.Fatal(err)
		}
		out[fmt.Sprintf("don-vi-%02d.xlsx", u+1)] = buf.Bytes()
	}
	return out
}

// runLoad has editors editors send a preview of the seed every 500 ms,
// each a different subject (no two alike, so nothing is served from the
// cache), for d; with uploads > 0, that many merges of the forms run at
// the same time from the start.
func runLoad(t testing.TB, editors int, d time.Duration, uploads int, forms map[string][]byte) loadResult {
	root := testtool.RepoRoot(t)
	_, base := startServer(t, t.TempDir())
	c := newClient(t, base)
	var draft map[string]any
	json.Unmarshal(c.open(filepath.Join(root, "examples", "cong-van-cchc-2023.yaml")), &draft)
	tr := &http.Transport{MaxIdleConnsPerHost: 2 * (editors + uploads)}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr, Timeout: 60 * time.Second}
	var mu sync.Mutex
	var res loadResult
	var lat []time.Duration
	stop := time.Now().Add(d)
	var wg sync.WaitGroup
	for e := range editors {
		wg.Go(func() {
			mine := map[string]any{}
			for k, v := range draft {
				mine[k] = v
			}
			time.Sleep(time.Duration(rand.Int64N(int64(500 * time.Millisecond))))
			tick := time.NewTicker(500 * time.Millisecond)
			defer tick.Stop()
			for n := 0; time.Now().Before(stop); n++ {
				mine["subject"] = fmt.Sprintf("cập nhật, giải trình, bổ sung các nội dung tự chấm điểm, lần sửa %d của người soạn %d", n, e)
				body, _ := json.Marshal(map[string]any{"draft": mine, "name": "seed"})
				req, _ := http.NewRequest("POST", base+"api/preview", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("X-Vanban-Csrf", c.csrf)
				start := time.Now()
				r, err := hc.Do(req)
				ok := err == nil && r.StatusCode == 200
				if err == nil {
					var reply struct {
						Pages []json.RawMessage `json:"pages"`
					}
					ok = ok && json.NewDecoder(r.Body).Decode(&reply) == nil && len(reply.Pages) == 3
					io.Copy(io.Discard, r.Body)
					r.Body.Close()
				}
				took := time.Since(start)
				mu.Lock()
				res.previews++
				if ok {
					lat = append(lat, took)
				} else {
					res.errors++
				}
				mu.Unlock()
				<-tick.C
			}
		})
	}
	if uploads > 0 {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		raw, _ := json.Marshal(draft)
		mw.WriteField("draft", string(raw))
		mw.WriteField("name", "seed")
		names := make([]string, 0, len(forms))
		for name := range forms {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			w, _ := mw.CreateFormFile("forms", name)
			w.Write(forms[name])
		}
		mw.Close()
		payload := body.Bytes()
		upStart := time.Now()
		var uwg sync.WaitGroup
		for range uploads {
			uwg.Go(func() {
				req, _ := http.NewRequest("POST", base+"api/merge", bytes.NewReader(payload))
				req.Header.Set("Content-Type", mw.FormDataContentType())
				req.Header.Set("X-Vanban-Csrf", c.csrf)
				r, err := hc.Do(req)
				ok := err == nil && r.StatusCode == 200
				if err == nil {
					var sum struct {
						Files []json.RawMessage `json:"files"`
					}
					ok = ok && json.NewDecoder(r.Body).Decode(&sum) == nil && len(sum.Files) == len(forms)
					r.Body.Close()
				}
				mu.Lock()
				res.uploads++
				if !ok {
					res.uploadErrs++
				}
				mu.Unlock()
			})
		}
		uwg.Wait()
		res.uploadTime = time.Since(upStart)
	}
	wg.Wait()
	slices.Sort(lat)
	if n := len(lat); n > 0 {
		res.p50, res.p95, res.max = lat[n/2], lat[min(n-1, n*95/100)], lat[n-1]
	}
	return res
}

// 20 editors previewing the seed every 500 ms, then the same while ten
// officers each upload 50 returned forms: every preview answered, none an
// error, none stalled behind the uploads. The latencies are logged, not
// asserted: go test runs packages side by side (LibreOffice among them),
// so a CI machine's numbers are not the server's. BenchmarkEditors
// measures them on a quiet machine (the target: p95 under 150 ms on
// 2 cores); VANBAN_LOAD_P95=150ms makes this test hold a p95 as well.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	forms := seedForms(t, 50, 10)
	quiet := runLoad(t, 20, 4*time.Second, 0, nil)
	t.Logf("20 editors, %d CPUs: %v", runtime.GOMAXPROCS(0), quiet)
	if quiet.errors > 0 || quiet.previews < 100 || quiet.max > 10*time.Second {
		t.Errorf("20 editors: %v", quiet)
	}
	busy := runLoad(t, 20, 3*time.Second, 10, forms)
	t.Logf("20 editors with 10 uploads of 50 forms (uploads done in %v, %d failed): %v", busy.uploadTime.Round(time.Millisecond), busy.uploadErrs, busy)
	if busy.errors > 0 || busy.uploadErrs > 0 || busy.uploads != 10 || busy.previews < 60 || busy.max > 10*time.Second {
		t.Errorf("with uploads: %v; uploads %d, failed %d", busy, busy.uploads, busy.uploadErrs)
	}
	if limit, err := time.ParseDuration(os.Getenv("VANBAN_LOAD_P95")); err == nil && quiet.p95 > limit {
		t.Errorf("20 editors: p95 %v, over %v", quiet.p95, limit)
	}
}

// go test -run '^$' -bench Editors -benchtime 1x ./server/
func BenchmarkEditors(b *testing.B) {
	forms := seedForms(b, 50, 10)
	for b.Loop() {
		quiet := runLoad(b, 20, 20*time.Second, 0, nil)
		busy := runLoad(b, 20, 10*time.Second, 10, forms)
		b.ReportMetric(float64(quiet.p95.Microseconds())/1000, "p95-ms")
		b.ReportMetric(float64(quiet.p50.Microseconds())/1000, "p50-ms")
		b.ReportMetric(float64(quiet.errors), "errors")
		b.ReportMetric(float64(busy.p95.Microseconds())/1000, "p95-uploading-ms")
		b.ReportMetric(float64(busy.errors+busy.uploadErrs), "errors-uploading")
		b.ReportMetric(busy.uploadTime.Seconds(), "upload-s")
		b.Logf("quiet: %v; uploading: %v, 10 uploads in %v", quiet, busy, busy.uploadTime.Round(time.Millisecond))
	}
}

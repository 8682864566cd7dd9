package server_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/vanban-vn/vanban/internal/testtool"
	"github.com/vanban-vn/vanban/server"
)

// startServer runs an editor on a loopback port for the test, with the
// sample agency profile and a working folder.
func startServer(t testing.TB, dir string) (*server.Server, string) {
	t.Helper()
	return startServerWith(t, dir, nil)
}

// startServerWith is startServer with the configuration changed by edit.
func startServerWith(t testing.TB, dir string, edit func(*server.Config)) (*server.Server, string) {
	t.Helper()
	prof, err := server.LoadProfile(filepath.Join(testtool.RepoRoot(t), "docs", "ho-so-co-quan.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := server.Config{Addr: "127.0.0.1:0", Dir: dir, Profile: prof, Log: testLog{t}, MergeCommand: workerCommand}
	if edit != nil {
		edit(&cfg)
	}
	srv, err := server.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := srv.Listen()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { srv.Serve(ctx, ln); close(done) }()
	t.Cleanup(func() { cancel(); <-done; srv.Close() })
	return srv, srv.URL(ln)
}

// TestMain lets the test binary be the merge worker, as vanban serve
// --merge-worker is for the command.
func TestMain(m *testing.M) {
	if os.Getenv("VANBAN_TEST_MERGE_WORKER") == "1" {
		os.Exit(server.MergeWorker(context.Background(), os.Stdin, os.Stdout))
	}
	os.Exit(m.Run())
}

// workerCommand runs a merge in this test binary, as a worker.
func workerCommand(ctx context.Context) *exec.Cmd {
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "VANBAN_TEST_MERGE_WORKER=1")
	cmd.Stderr = os.Stderr
	return cmd
}

type testLog struct{ t testing.TB }

func (l testLog) Write(b []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

// browserContext starts the system's headless Chromium (never a
// downloaded one): under CI a missing chromium fails the test.
func browserContext(t *testing.T, downloads string) (context.Context, *atomic.Int32, func() []string) {
	t.Helper()
	testtool.Require(t, "chromium")
	exe, _ := exec.LookPath("chromium")
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.WindowSize(1600, 1000),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("lang", "vi-VN"),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads}); err != nil {
		t.Fatal(err)
	}
	dialogs := &atomic.Int32{}
	var mu sync.Mutex
	var jsErrors []string
	err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			dialogs.Add(1)
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		case *runtime.EventExceptionThrown:
			mu.Lock()
			jsErrors = append(jsErrors, fmt.Sprintf("%s at %s:%d", e.ExceptionDetails.Text, e.ExceptionDetails.URL, e.ExceptionDetails.LineNumber))
			if ex := e.ExceptionDetails.Exception; ex != nil {
				jsErrors = append(jsErrors, ex.Description)
			}
			mu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return ctx, dialogs, func() []string { mu.Lock(); defer mu.Unlock(); return append([]string(nil), jsErrors...) }
}

// The officer's path through the editor, in headless Chromium: a công văn
// typed from scratch (subject in the preview, a finding beside the place
// and gone once fixed, a recipient), downloaded as DOCX and PDF, a subject
// that is a script shown as text, the seed opened (three pages), and the
// three example forms consolidated into it. Each step leaves a screenshot.
func TestEditorInBrowser(t *testing.T) {
	root := testtool.RepoRoot(t)
	work := t.TempDir()
	downloads := t.TempDir()
	shots := os.Getenv("VANBAN_SCREENSHOTS")
	if shots == "" {
		var err error
		if shots, err = os.MkdirTemp("", "vanban-e2e-"); err != nil {
			t.Fatal(err)
		}
	}
	os.MkdirAll(shots, 0o755)
	t.Logf("screenshots in %s", shots)
	_, url := startServer(t, work)
	ctx, dialogs, jsErrors := browserContext(t, downloads)
	start := time.Now()

	step := 0
	shot := func(name string) {
		t.Helper()
		step++
		buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(shots, fmt.Sprintf("%02d-%s.png", step, name)), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		defer cancel()
		if err := chromedp.Do(sctx, actions...); err != nil {
			shot("failed")
			status, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#status")))
			findings, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll('.finding')).map(f=>(f.closest('[data-path]')||{dataset:{}}).dataset.path+': '+f.textContent).join('\\n')`))
			t.Fatalf("%s: %v\nstatus: %s\nfindings:\n%s\nJS errors: %v", what, err, status, findings, jsErrors())
		}
	}
	// wait polls a JavaScript condition.
	wait := func(cond string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Run(ctx, chromedp.Poll[bool](cond, chromedp.WithPollingInterval(25*time.Millisecond), chromedp.WithPollingTimeout(10*time.Second)))
			if err != nil {
				return fmt.Errorf("waiting for %s: %w", cond, err)
			}
			return nil
		})
	}
	js := func(expr string) chromedp.Action[chromedp.Void] { return chromedp.Evaluate[chromedp.Void](expr) }
	previewHas := func(text string) string {
		return fmt.Sprintf(`document.querySelector('#pages').textContent.replace(/\s+/g,'').includes(%q)`, strings.Join(strings.Fields(text), ""))
	}
	setValue := func(sel, value string) chromedp.Action[chromedp.Void] {
		return js(fmt.Sprintf(`(() => { const e = document.querySelector(%q); e.value = %q; e.dispatchEvent(new Event(e.tagName === 'SELECT' || e.type === 'date' ? 'change' : 'input', {bubbles: true})); })()`, sel, value))
	}
	typeInto := func(sel, text string) chromedp.Action[chromedp.Void] {
		return chromedp.Steps(setValue(sel, ""), chromedp.Click(chromedp.CSS(sel)), chromedp.SendKeys(chromedp.CSS(sel), text))
	}
	click := func(sel string) chromedp.Action[chromedp.Void] { return chromedp.Click(chromedp.CSS(sel)) }

	// 1. The page, a new công văn with the profile's header.
	run("open the editor", chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
	run("pick công văn", setValue("#f-type", "to-trinh"), wait(`document.querySelector('#f-type').value === 'to-trinh'`),
		setValue("#f-type", "cong-van"), wait(`document.querySelector('#f-type').value === 'cong-van' && !!document.querySelector('#f-recipients-add')`),
		wait(`document.querySelector('#f-agency-name').value === 'SỞ NỘI VỤ' && document.querySelector('#f-place').value === 'Hà Tĩnh'`))
	shot("new-cong-van")

	// 2. A subject typed shows in the preview, and how fast.
	subject := "Kiểm tra trình soạn thảo"
	typed := time.Now()
	run("type the subject", typeInto("#f-subject", subject), chromedp.Func(func(context.Context, *chromedp.Target) error { typed = time.Now(); return nil }),
		wait(previewHas("V/v "+subject)))
	t.Logf("subject in the preview %v after the last key", time.Since(typed).Round(time.Millisecond))
	shot("subject-in-preview")

	// 3. "TP. HCM" in the place: the finding beside the field; fixed, gone.
	placeFinding := `[data-path="place"] > .findings > .finding[data-rule="place-full-name"]`
	run("abbreviated place", typeInto("#f-place", "TP. HCM"), wait(fmt.Sprintf(`!!document.querySelector(%q)`, placeFinding)))
	msg, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(placeFinding)))
	if err != nil || !strings.Contains(msg, "Thành phố Hồ Chí Minh") || !strings.Contains(msg, "place-full-name") {
		t.Errorf("place finding says %q (%v)", msg, err)
	}
	shot("place-finding")
	// English, by the switch: labels and the finding's message.
	run("English", setValue("#lang", "en"), wait(`document.querySelector('label[for="f-subject"]').textContent === 'Subject'`),
		wait(`document.querySelector('.finding[data-rule="place-full-name"] .msg').textContent.startsWith('write the place name in full')`))
	shot("english")
	run("Vietnamese", setValue("#lang", "vi"), wait(`document.querySelector('label[for="f-subject"]').textContent === 'Trích yếu'`))
	run("place fixed", typeInto("#f-place", "Thành phố Hồ Chí Minh"),
		wait(`!document.querySelector('.finding[data-rule="place-full-name"]') && document.querySelector('#pages').textContent.includes('Thành phố Hồ Chí Minh')`))
	shot("place-fixed")

	// 4. A recipient added; the body, with a deadline inserted.
	run("add a recipient", click("#f-recipients-add"), chromedp.WaitVisible(chromedp.CSS("#f-recipients-0")),
		chromedp.SendKeys(chromedp.CSS("#f-recipients-0"), "Sở Tư pháp"), wait(previewHas("Kính gửi: Sở Tư pháp")))
	run("body", typeInto("#f-body", "Đề nghị các đơn vị gửi báo cáo trước "), click("#f-deadlines-add"),
		chromedp.WaitVisible(chromedp.CSS("#f-deadlines-0-id")), chromedp.SendKeys(chromedp.CSS("#f-deadlines-0-id"), "bao-cao"),
		setValue("#f-deadlines-0-date", "2026-12-15"), setValue("#f-deadlines-0-time", "14:00"),
		wait(`Array.from(document.querySelectorAll('#f-body-deadline option')).some(o => o.value === 'bao-cao')`),
		js(`(() => { const t = document.querySelector('#f-body'); t.focus(); t.setSelectionRange(t.value.length, t.value.length); })()`),
		setValue("#f-body-deadline", "bao-cao"),
		chromedp.SendKeys(chromedp.CSS("#f-body"), "./."),
		wait(previewHas("14h00 ngày 15/12/2026")),
		// "báo cáo" made bold with the toolbar.
		js(`(() => { const t = document.querySelector('#f-body'); const i = t.value.indexOf('báo cáo'); t.focus(); t.setSelectionRange(i, i + 'báo cáo'.length); })()`),
		click("#f-body-bold"),
		wait(`document.querySelector('#f-body').value.includes('**báo cáo**')`),
		wait(`Array.from(document.querySelectorAll('#pages text.f1')).some(t => t.textContent.includes('báo cáo'))`),
		// The signer signs for the head: KT. offered, the signer's own post
		// on the next line.
		setValue("#f-signer-prefix", "KT."),
		wait(`document.querySelector('#f-signer-title-0').value === 'KT. GIÁM ĐỐC' && !!document.querySelector('#f-signer-title-1')`),
		chromedp.SendKeys(chromedp.CSS("#f-signer-title-1"), "PHÓ GIÁM ĐỐC"),
		wait(previewHas("KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC")),
		wait(`!document.querySelector('#dl-pdf').disabled && !document.querySelector('#dl-docx').disabled`))
	shot("recipient-body")

	// 5. Downloads, validated.
	run("download DOCX and PDF", click("#dl-docx"), click("#dl-pdf"))
	pdf := waitFile(t, filepath.Join(downloads, "van-ban.pdf"))
	docx := waitFile(t, filepath.Join(downloads, "van-ban.docx"))
	data, _ := os.ReadFile(pdf)
	if !bytes.HasPrefix(data, []byte("%PDF")) {
		t.Fatalf("the downloaded PDF starts %q", data[:min(8, len(data))])
	}
	if txt := strings.Join(strings.Fields(testtool.Output(t, "pdftotext", pdf, "-")), " "); !strings.Contains(txt, subject) || !strings.Contains(txt, "Thành phố Hồ Chí Minh") {
		t.Errorf("the PDF's text lacks the subject or the place:\n%s", txt)
	}
	testtool.ValidateOOXML(t, docx)
	shot("downloaded")

	// 6. A script as the subject is text.
	script := "<script>alert(1)</script>"
	run("script subject", typeInto("#f-subject", script), wait(previewHas("V/v "+script)), chromedp.Sleep(300*time.Millisecond))
	scripts, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('script').length`))
	if err != nil || scripts != 1 || dialogs.Load() != 0 {
		t.Errorf("after a subject of %s: %d script elements, %d dialogs (%v)", script, scripts, dialogs.Load(), err)
	}
	shot("script-as-text")

	// 7. The seed, opened from a file: its three pages; the appendix's
	// page comes into view when its field is edited.
	seed := filepath.Join(root, "examples", "cong-van-cchc-2023.yaml")
	run("open the seed", chromedp.SetUploadFiles(chromedp.CSS("#open-file"), []string{seed}),
		wait(`document.querySelectorAll('#pages .page').length === 3`), wait(previewHas("TỔNG HỢP CÁC TIÊU CHÍ")),
		wait(`document.querySelector('#f-subject').value.startsWith('cập nhật')`))
	landscape, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const s = document.querySelector('.page[data-page="3"] svg'); return +s.getAttribute('width') > +s.getAttribute('height'); })()`))
	if err != nil || !landscape {
		t.Errorf("the appendix page is not landscape in the preview (%v)", err)
	}
	shot("seed-three-pages")
	// The picture for the README: the seed with a finding beside its field.
	run("seed with a finding", typeInto("#f-code", "snv-cchc&vtlt"),
		wait(`!!document.querySelector('[data-path="code"] .finding[data-rule="code-case"]')`),
		js(`document.querySelector('#f-code').scrollIntoView({block: 'center'}); document.querySelector('#toasts').replaceChildren()`))
	shot("seed-finding")
	if dst := os.Getenv("VANBAN_DOCS_SCREENSHOT"); dst != "" {
		buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil || os.WriteFile(dst, buf, 0o644) != nil {
			t.Fatalf("docs screenshot: %v", err)
		}
	}
	run("code fixed", typeInto("#f-code", "SNV-CCHC&VTLT"), wait(`!document.querySelector('.finding[data-rule="code-case"]')`))
	run("edit the appendix title", click("#f-appendices-0-title"), js(`(() => { const t = document.querySelector('#f-appendices-0-title'); t.setSelectionRange(t.value.length, t.value.length); })()`),
		chromedp.SendKeys(chromedp.CSS("#f-appendices-0-title"), " LẦN 2"),
		wait(previewHas("KIỂM CHỨNG LẦN 2")), wait(`(document.querySelector('.page.current') || {dataset: {}}).dataset.page === '3'`))
	shot("appendix-in-view")

	// 8. The three returned forms consolidated into it.
	forms, _ := filepath.Glob(filepath.Join(root, "examples", "tong-hop", "*.xlsx"))
	if len(forms) != 3 {
		t.Fatalf("%d example forms", len(forms))
	}
	run("merge", click("#btn-merge"), chromedp.WaitVisible(chromedp.CSS("#merge-forms")),
		chromedp.SetUploadFiles(chromedp.CSS("#merge-forms"), forms),
		chromedp.SetUploadFiles(chromedp.CSS("#merge-units"), []string{filepath.Join(root, "examples", "tong-hop", "don-vi.yaml")}),
		click("#merge-run"), chromedp.WaitVisible(chromedp.CSS("#merge-summary")))
	summary, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#merge-summary")))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Đã tổng hợp 3 tệp, 8 dòng", "so-tu-phap.xlsx", "Cục Thuế tỉnh", "Chưa gửi", "8 dòng vào = 8 dòng ra"} {
		if !strings.Contains(summary, want) {
			t.Errorf("merge summary lacks %q:\n%s", want, summary)
		}
	}
	shot("merge-summary")
	run("download the consolidated PDF", click(`button.merged-file[data-name$=".pdf"]`))
	merged := waitFile(t, filepath.Join(downloads, "cong-van-cchc-2023-tong-hop.pdf"))
	if txt := testtool.Output(t, "pdftotext", merged, "-"); !strings.Contains(txt, "Sở Tư pháp") {
		t.Errorf("the consolidated PDF lacks the unit column")
	}
	if errs := jsErrors(); len(errs) > 0 {
		t.Errorf("JavaScript errors: %v", errs)
	}
	t.Logf("browser steps took %v", time.Since(start).Round(time.Millisecond))
}

func waitFile(t *testing.T, path string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if info, err := os.Stat(path); err == nil && info.Size() > 0 {
			time.Sleep(50 * time.Millisecond) // the browser renames the finished file into place
			return path
		}
		time.Sleep(50 * time.Millisecond)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	t.Fatalf("%s was not downloaded (folder holds %v)", filepath.Base(path), names)
	return ""
}

// Every example opens in the page: its form, no error, its pages, as many
// as the PDF has.
func TestExamplesInBrowser(t *testing.T) {
	root := testtool.RepoRoot(t)
	examples := filepath.Join(root, "examples")
	_, url := startServer(t, examples)
	c := newClient(t, url)
	ctx, _, jsErrors := browserContext(t, t.TempDir())
	shots, _ := os.MkdirTemp("", "vanban-examples-")
	t.Logf("screenshots in %s", shots)
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`))); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(examples, "*.yaml"))
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".yaml")
		want := len(c.preview(c.open(f), name).Pages)
		sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		err := chromedp.Do(sctx, chromedp.SetUploadFiles(chromedp.CSS("#open-file"), []string{f}),
			chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
				_, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`document.querySelectorAll('#pages .page').length === %d && document.querySelector('#status').textContent.includes(' 0 lỗi') && document.querySelector('#f-type').value === %q`, want, mustType(t, f)),
					chromedp.WithPollingInterval(25*time.Millisecond)))
				return err
			}))
		cancel()
		if buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
			os.WriteFile(filepath.Join(shots, name+".png"), buf, 0o644)
		}
		if err != nil {
			status, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#status")))
			findings, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll('.finding')).map(f=>f.textContent).join('\n')`))
			t.Errorf("%s: %v (want %d pages)\nstatus: %s\n%s", name, err, want, status, findings)
		}
	}
	if errs := jsErrors(); len(errs) > 0 {
		t.Errorf("JavaScript errors: %v", errs)
	}
}

func mustType(t *testing.T, file string) string {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "type: "); ok {
			return strings.TrimSpace(v)
		}
	}
	t.Fatalf("%s: no type", file)
	return ""
}

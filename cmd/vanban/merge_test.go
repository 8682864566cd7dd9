package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/form"
	"github.com/vanban-vn/vanban/internal/testtool"
	"github.com/vanban-vn/vanban/nd30"
)

func examples(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func formsOf(t *testing.T) []string {
	matches, err := filepath.Glob(examples(t, "tong-hop/*.xlsx"))
	if err != nil || len(matches) != 3 {
		t.Fatalf("example forms: %v %v", matches, err)
	}
	return matches
}

// The README's loop: three departments' forms into the dispatch's appendix.
func TestMergeExamples(t *testing.T) {
	dir := t.TempDir()
	args := append([]string{"merge", "--into", seed(t), "--units", examples(t, "tong-hop/don-vi.yaml"), "-o", dir, "--subtotals"}, formsOf(t)...)
	code, out, errOut := runCmd(args...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"cong-van-cchc-2023-tong-hop.docx", "cong-van-cchc-2023-tong-hop.pdf", "cong-van-cchc-2023-tong-hop.xlsx", "cong-van-cchc-2023-tong-hop.yaml",
		"Đã tổng hợp 3 tệp, 8 dòng:", "cuc-thue-tinh.xlsx, trang tính Phụ lục (Cục Thuế tỉnh): 2 dòng", "so-tu-phap.xlsx, trang tính Phụ lục (Sở Tư pháp): 3 dòng",
		"Chưa gửi: Văn phòng UBND tỉnh; Sở Thông tin và Truyền thông; Sở Kế hoạch và Đầu tư",
		"Tiêu chí 2.1.1 có điểm khác nhau giữa các đơn vị",
		"Kiểm tra: 8 dòng vào = 8 dòng ra; tổng điểm: Điểm tự chấm của tỉnh = 9,25; Điểm thẩm định lần 1 = 5,5; Điểm đề nghị điều chỉnh = 8,75",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// The merged YAML renders again, to the same PDF.
	merged := filepath.Join(dir, "cong-van-cchc-2023-tong-hop.yaml")
	doc, err := vanban.ParseFile(merged)
	if err != nil {
		t.Fatal(err)
	}
	a := doc.Appendices[0]
	if a.Rows.Len() != 8 || a.SubtotalsBy != nd30.UnitColumn {
		t.Errorf("merged appendix: %d rows, subtotals %q", a.Rows.Len(), a.SubtotalsBy)
	}
	first, _ := os.ReadFile(filepath.Join(dir, "cong-van-cchc-2023-tong-hop.pdf"))
	again := t.TempDir()
	if code, _, errOut := runCmd("render", "-o", again, merged); code != exitOK {
		t.Fatalf("re-render: %s", errOut)
	}
	second, _ := os.ReadFile(filepath.Join(again, "cong-van-cchc-2023-tong-hop.pdf"))
	if !bytes.Equal(first, second) {
		t.Error("the merged YAML renders a different PDF")
	}
	testtool.ValidateOOXML(t, filepath.Join(dir, "cong-van-cchc-2023-tong-hop.docx"), filepath.Join(dir, "cong-van-cchc-2023-tong-hop.xlsx"))

	// LibreOffice computes the consolidated workbook: subtotals per unit and
	// a grand total that does not count them twice.
	testtool.Require(t, "soffice")
	out2 := filepath.Join(dir, "csv")
	testtool.ConvertTo(t, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", out2, filepath.Join(dir, "cong-van-cchc-2023-tong-hop.xlsx"))
	data, err := os.ReadFile(filepath.Join(out2, "cong-van-cchc-2023-tong-hop.csv"))
	if err != nil {
		matches, _ := filepath.Glob(filepath.Join(out2, "*.csv"))
		if len(matches) != 1 {
			t.Fatalf("csv: %v %v", err, matches)
		}
		data, _ = os.ReadFile(matches[0])
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var sums []string
	for _, r := range rows {
		if strings.HasPrefix(r[0], "Cộng: ") || r[0] == "Tổng điểm" {
			sums = append(sums, r[0]+" "+r[3]+" "+r[4]+" "+r[7])
		}
	}
	// Units in the order of the units file, not the alphabet.
	want := "Cộng: Sở Tư pháp 2,5 0,75 2,25|Cộng: Sở Tài chính 4,5 3 4,25|Cộng: Cục Thuế tỉnh 2,25 1,75 2,25|Tổng điểm 9,25 5,5 8,75"
	if got := strings.Join(sums, "|"); got != want {
		t.Errorf("LibreOffice sums\n got %s\nwant %s", got, want)
	}

	// LibreOffice lays out the consolidated DOCX as our PDF: same pages, same totals.
	pdfDir := filepath.Join(dir, "lo")
	lo := testtool.ConvertToPDF(t, pdfDir, filepath.Join(dir, "cong-van-cchc-2023-tong-hop.docx"))[0]
	loPages := testtool.PageTexts(t, lo)
	ourPages := testtool.PageTexts(t, filepath.Join(dir, "cong-van-cchc-2023-tong-hop.pdf"))
	if len(loPages) != len(ourPages) {
		t.Errorf("LibreOffice %d pages, our PDF %d", len(loPages), len(ourPages))
	}
	all := strings.Join(strings.Fields(strings.Join(loPages, " ")), " ")
	for _, w := range []string{"Cộng: Sở Tư pháp 2,5 0,75 2,25", "Tổng điểm 9,25 5,5 8,75", "Đơn vị"} {
		if !strings.Contains(all, w) {
			t.Errorf("LibreOffice's rendering lacks %q", w)
		}
	}
}

// A bad cell stops the merge with its sheet and cell, and nothing is written;
// a file that is not the form is named with its missing columns.
func TestMergeErrors(t *testing.T) {
	dir := t.TempDir()
	forms := formsOf(t)
	bad := filepath.Join(dir, "so-y-te.xlsx")
	data, _ := os.ReadFile(forms[0])
	os.WriteFile(bad, data, 0o644)
	f, err := excelize.OpenFile(bad)
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellValue("Phụ lục", "D9", "1,2,3")
	f.SaveAs(bad)
	f.Close()
	other := filepath.Join(dir, "khac.csv")
	os.WriteFile(other, []byte("STT,Nội dung,Số tiền\n1,x,2\n"), 0o644)
	out := filepath.Join(dir, "out")
	code, _, errOut := runCmd(append([]string{"merge", "--into", seed(t), "-o", out, bad, other}, forms[1:]...)...)
	if code != exitInvalid {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		`so-y-te.xlsx, trang tính Phụ lục, ô D9: "1,2,3" không phải là điểm`,
		`khac.csv: không phải biểu mẫu của phụ lục: không tìm thấy hàng tiêu đề cột; thiếu các cột: "Tiêu chí/Tiêu chí thành phần bị trừ điểm sau khi HĐTD chấm điểm lần 1"`,
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a failed merge wrote output")
	}
	if code, _, _ := runCmd("merge", forms[0]); code != exitUsage {
		t.Errorf("merge without --into: exit %d", code)
	}
}

// A unit may return the form as YAML: a document whose appendix has the
// same columns, in any order.
func TestMergeYAMLForm(t *testing.T) {
	dir := t.TempDir()
	src, _ := os.ReadFile(seed(t))
	yml := strings.Replace(string(src), "name_in_text: Sở Nội vụ", "name_in_text: Sở Y tế", 1)
	yml = strings.Replace(yml, "    blank_rows: 3\n", "    rows:\n      - {\"Điểm tự chấm của tỉnh\": \"1\", \"Tiêu chí/Tiêu chí thành phần bị trừ điểm sau khi HĐTD chấm điểm lần 1\": \"3.3 Thủ tục\"}\n", 1)
	in := filepath.Join(dir, "so-y-te.yaml")
	os.WriteFile(in, []byte(yml), 0o644)
	code, out, errOut := runCmd("merge", "--into", seed(t), "-o", dir, in)
	if code != exitOK || !strings.Contains(out, "so-y-te.yaml (Sở Y tế): 1 dòng") {
		t.Errorf("exit %d\n%s\n%s", code, out, errOut)
	}

	// The form's appendix need not come first: a report with another
	// appendix before it still gives its rows.
	other := "appendices:\n  - title: DANH SÁCH CÁN BỘ ĐẦU MỐI\n    columns: [{title: STT, kind: index}, {title: Họ và tên}, {title: Số điện thoại}]\n    rows: [[Nguyễn Văn A, \"0912 345 678\"]]\n"
	withOther := strings.Replace(yml, "appendices:\n", other, 1)
	two := filepath.Join(dir, "so-y-te-2.yaml")
	os.WriteFile(two, []byte(withOther), 0o644)
	code, out, errOut = runCmd("merge", "--into", seed(t), "-o", t.TempDir(), two)
	if code != exitOK || !strings.Contains(out, "so-y-te-2.yaml (Sở Y tế): 1 dòng") {
		t.Errorf("second appendix: exit %d\n%s\n%s", code, out, errOut)
	}

	// No appendix with the form's columns: the message says so.
	none := filepath.Join(dir, "so-y-te-3.yaml")
	os.WriteFile(none, []byte(withOther[:strings.Index(withOther, "  - title: TỔNG HỢP")]), 0o644)
	code, _, errOut = runCmd("merge", "--into", seed(t), "-o", t.TempDir(), none)
	if code != exitInvalid || !strings.Contains(errOut, "phụ lục thiếu các cột") {
		t.Errorf("no matching appendix: exit %d\n%s", code, errOut)
	}
}

// A consolidated workbook reads back as its rows: subtotal rows are sums, not data.
func TestConsolidatedWorkbookReadsBack(t *testing.T) {
	dir := t.TempDir()
	args := append([]string{"merge", "--into", seed(t), "--subtotals", "-o", dir}, formsOf(t)...)
	if code, _, errOut := runCmd(args...); code != exitOK {
		t.Fatal(errOut)
	}
	doc, err := vanban.ParseFile(filepath.Join(dir, "cong-van-cchc-2023-tong-hop.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	a := doc.Appendices[0]
	rf, err := form.ReadFile(filepath.Join(dir, "cong-van-cchc-2023-tong-hop.xlsx"), form.SpecOf(&a))
	if err != nil {
		t.Fatal(err)
	}
	if rf.Rows.Len() != a.Rows.Len() {
		t.Errorf("read %d rows back, the appendix has %d", rf.Rows.Len(), a.Rows.Len())
	}
}

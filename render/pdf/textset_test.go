package pdf_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vanban-vn/vanban/check"
	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/internal/testtool"
	"github.com/vanban-vn/vanban/nd30"
	"github.com/vanban-vn/vanban/render/docx"
)

// textsetDoc is a one-page công văn whose body is the given paragraphs.
func textsetDoc(body ...string) []byte {
	return []byte(`type: cong-van
agency:
  parent: UBND TỈNH HÀ TĨNH
  name: SỞ NỘI VỤ
  name_in_text: Sở Nội vụ
number: 5
code: SNV-VP
place: Hà Tĩnh
date: 2024-03-05
subject: báo cáo kết quả
recipients: [Bộ Nội vụ]
body: |
  ` + strings.Join(body, "\n\n  ") + `
signer:
  title: GIÁM ĐỐC
  name: Lê Minh Đạo
cc: [Như trên]
archive: VT, VP
`)
}

// Every character the fonts have comes back out of the PDF as written:
// Greek and Cyrillic exactly, U+2011 (drawn with the hyphen's glyph) as a
// hyphen or itself. ℃ and an emoji, which no face has, are drawn as "?",
// and check.Glyphs reports each where it was written.
func TestEveryGlyphOrAWarning(t *testing.T) {
	testtool.Require(t, "pdftotext")
	src := textsetDoc("Đo ở 25℃ các hằng số α, β, Ω, λ₁ và chữ Жизнь прекрасна, chụp x\u2011quang 😀 xong./.")
	doc := parse(t, "glyphs.yaml", src)
	text := strings.Join(strings.Fields(testtool.Output(t, "pdftotext", writePDF(t, doc, "glyphs"), "-")), " ")
	for _, want := range []string{"α, β, Ω, λ₁", "Жизнь прекрасна", "Đo ở 25? các"} {
		if !strings.Contains(text, want) {
			t.Errorf("extracted text lacks %q:\n%s", want, text)
		}
	}
	if !strings.Contains(text, "chụp x-quang ? xong") && !strings.Contains(text, "chụp x\u2011quang ? xong") {
		t.Errorf("U+2011 does not extract as a hyphen:\n%s", text)
	}
	var found []string
	for _, f := range check.Glyphs(doc, fontSet(t)) {
		found = append(found, f.Format("en"))
	}
	at := func(s string) string { // line:column of s in the source, columns in characters
		off := strings.Index(string(src), s)
		start := strings.LastIndex(string(src[:off]), "\n") + 1
		return fmt.Sprintf("%d:%d", strings.Count(string(src[:off]), "\n")+1, utf8.RuneCount(src[start:off])+1)
	}
	want := []string{
		`glyphs.yaml:` + at("℃") + `: warning [glyph-missing] the character "℃" (U+2103) is not in the font Liberation Serif Regular`,
		`glyphs.yaml:` + at("😀") + `: warning [glyph-missing] the character "😀" (U+1F600) is not in the font Liberation Serif Regular`,
	}
	if len(found) != len(want) {
		t.Fatalf("findings:\n%s", strings.Join(found, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(found[i], want[i]) {
			t.Errorf("finding %d:\n got %s\nwant %s…", i, found[i], want[i])
		}
	}
}

// atLineEnd builds a body paragraph whose first line ends inside code, just
// after its hyphen: there was room for "…QĐ-" but not for "…QĐ-STP", so a
// breaker that breaks after any hyphen would split the ký hiệu there.
func atLineEnd(t *testing.T, code string) string {
	t.Helper()
	face := fontSet(t).Face(fonts.Regular)
	w := func(s string) float64 { return face.Width(s, 13) }
	avail := (nd30.Page(false).TextWidth() - nd30.FirstLineIndent).Points()
	plain := strings.NewReplacer("~", "").Replace(code)
	head := plain[:strings.Index(plain, "-")+1]
	words := strings.Fields("thực hiện chỉ đạo của Ủy ban nhân dân tỉnh tại văn bản về việc triển khai công tác cải cách hành chính năm 2024 và các văn bản hướng dẫn có liên quan, căn cứ kết quả rà soát của các cơ quan, đơn vị theo")
	for _, lead := range []string{"Để", "Theo đó, để", "Vì vậy, để", "Ngoài ra, để", "Do đó, để", "Sau đó, để"} {
		for n := 1; n <= len(words); n++ {
			prefix := strings.TrimSpace(lead+" "+strings.Join(words[:n], " ")) + " số "
			if w(prefix+head) <= avail-1.5 && w(prefix+plain) > avail+1.5 {
				return prefix + code + " ngày 05/3/2024 nêu trên."
			}
		}
	}
	t.Fatalf("no paragraph puts %q at a line end", code)
	return ""
}

// A document number and ký hiệu never breaks at its hyphen, in our PDF and
// in LibreOffice's rendering of our DOCX (which marks the hyphen
// w:noBreakHyphen): each body paragraph below is made so that the line
// would end right after the hyphen; instead the whole ký hiệu starts the
// next line, and both renderings have the same lines.
func TestKyHieuNeverBreaks(t *testing.T) {
	testtool.Require(t, "soffice", "pdftotext")
	codes := []string{"12/QĐ-STP", "7484/UBND-NC~1~", "SNV-CCHC&VTLT"}
	var body []string
	for _, c := range codes {
		body = append(body, atLineEnd(t, c))
	}
	body[len(body)-1] += "/."
	doc := parse(t, "kyhieu.yaml", textsetDoc(body...))
	ld := build(t, doc)
	data, err := docx.Bytes(ld)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	d := filepath.Join(dir, "kyhieu.docx")
	if err := os.WriteFile(d, data, 0o644); err != nil {
		t.Fatal(err)
	}
	lo := collapsed(t, testtool.ConvertToPDF(t, dir, d)[0])
	ours := collapsed(t, writePDF(t, doc, "kyhieu"))
	for name, lines := range map[string][]string{"ours": ours, "LibreOffice": lo} {
		starts := 0
		for _, l := range lines {
			for _, c := range []string{"12/QĐ-", "7484/UBND-", "SNV-"} {
				if strings.HasSuffix(l, c) {
					t.Errorf("%s: a line ends inside a ký hiệu: %q", name, l)
				}
				if strings.HasPrefix(l, c) {
					starts++
				}
			}
		}
		if starts != len(codes) {
			t.Errorf("%s: %d lines start with a whole ký hiệu, want %d:\n%s", name, starts, len(codes), strings.Join(lines, "\n"))
		}
	}
	if strings.Join(ours, "\n") != strings.Join(lo, "\n") {
		t.Errorf("lines differ\n ours:\n%s\n   LO:\n%s", strings.Join(ours, "\n"), strings.Join(lo, "\n"))
	}
}

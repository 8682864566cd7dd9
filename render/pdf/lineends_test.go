package pdf_test

import (
	"math"
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/internal/testtool"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/nd30"
)

// The text the sweep below draws its lines from: words of a công văn, some
// in capitals, document numbers and ký hiệu (whose hyphens the DOCX writer
// makes non-breaking), numbers and punctuation.
const sweepWords = `Sở Nội vụ làm việc theo chế độ thủ trưởng, bảo đảm nguyên tắc tập trung
dân chủ; mỗi việc chỉ giao một đơn vị chủ trì chịu trách nhiệm chính. Căn cứ
Kế hoạch cải cách hành chính năm 2024 của Ủy ban nhân dân tỉnh, đề nghị các
cơ quan, đơn vị rà soát, tổng hợp kết quả thực hiện nhiệm vụ, gửi báo cáo
trước ngày 15/3/2024 để tổng hợp. Tổng điểm tự đánh giá đạt 89,65 điểm, tăng
4,2 điểm so với năm trước; chỉ số hài lòng của người dân đạt 91,5%. Giám đốc
Sở giao Phòng Cải cách hành chính hướng dẫn, đôn đốc, kiểm tra việc thực hiện.
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH SỞ NỘI VỤ
QUYẾT ĐỊNH BÁO CÁO TỜ TRÌNH – “Chính quyền số” (thí điểm) và/hoặc …`

// sweepCodes are set now and then among the words: non-breaking hyphens
// and spaces are portions of their own in LibreOffice (package linebreak).
var sweepCodes = []string{"12/QĐ-STP", "285/TTr-UBND", "30/2020/NĐ-CP", "SNV-CCHC&VTLT", "2024-03-08", "Điều\u00a05", "kinh tế-xã hội", "COVID-19"}

// sweepCase is one paragraph of the sweep.
type sweepCase struct {
	runs  []layout.Run
	cell  bool
	align layout.Align
	first layout.Length // first-line indent
	width layout.Length // the measure of its first line
}

// sweepCases makes paragraphs whose first line ends within ±10 twips of
// its measure: each opens with its number (§12) and words in one or more
// runs, about as wide as the measure, and goes on for a line or two.
func sweepCases(fs *fonts.Set, page layout.Page) []sweepCase {
	words := strings.Fields(sweepWords)
	rng := rand.New(rand.NewPCG(30, 2020))
	// The width of runs in twips, from the fonts' advances unrounded (the
	// same whatever the measuring model).
	width := func(runs []layout.Run) float64 {
		w := 0.0
		for _, r := range runs {
			face := fs.Face(fonts.StyleOf(r.Style.Bold, r.Style.Italic))
			size := r.Style.Size.Points()
			if r.Script != layout.Baseline {
				size *= layout.ScriptScale
			}
			for _, c := range r.Text {
				a, _ := face.Advance(c)
				w += a * size * 20
			}
		}
		return w
	}
	var caps []string // for headings
	for _, w := range words {
		if strings.ToUpper(w) == w && strings.ToLower(w) != w {
			caps = append(caps, w)
		}
	}
	var cases []sweepCase
	for n := 0; len(cases) < 360; n++ {
		size := layout.Pt([]float64{12, 13, 14}[n%3])
		regular, bold := layout.Style{Size: size}, layout.Style{Size: size, Bold: true}
		// Most paragraphs in one style, regular or bold; some in italic,
		// some mixing styles run by run.
		styles := []layout.Style{regular, bold}
		base := styles[n/3%2]
		mixed := false
		switch k := rng.IntN(10); {
		case k == 0:
			base.Italic = true
		case k == 1:
			mixed = true
		}
		c := sweepCase{cell: n/6%2 == 1, runs: []layout.Run{{Text: "§" + strconv.Itoa(len(cases)+1), Style: base}}}
		if rng.IntN(3) == 0 {
			c.align = layout.Justify
		}
		if !c.cell && rng.IntN(4) == 0 {
			c.first = nd30.FirstLineIndent
		}
		// One in nine a heading in capitals on a line or two, which ends
		// its paragraph (where LibreOffice's rounding of a short portion
		// shows).
		heading := n%9 == 8
		target := 2000 + rng.Float64()*6300 // twips
		if heading {
			target = 800 + rng.Float64()*3000
		}
		for width(c.runs) < target {
			w := words[rng.IntN(len(words))]
			if heading {
				w = caps[rng.IntN(len(caps))]
			} else if rng.IntN(12) == 0 {
				w = sweepCodes[rng.IntN(len(sweepCodes))]
			}
			st := base
			if mixed && !heading {
				st = []layout.Style{regular, bold, {Size: size, Italic: true}}[rng.IntN(3)]
			}
			last := &c.runs[len(c.runs)-1]
			switch {
			case rng.IntN(30) == 0: // a ký hiệu with a subscript (pdftotext
				// may set a superscript on a line of its own)
				c.runs = append(c.runs, layout.Run{Text: " " + []string{"7484/UBND-NC", "CO", "H"}[rng.IntN(3)], Style: st},
					layout.Run{Text: []string{"1", "2", "15"}[rng.IntN(3)], Style: st, Script: layout.Subscript})
			case st == last.Style && last.Script == layout.Baseline:
				last.Text += " " + w
			default:
				c.runs = append(c.runs, layout.Run{Text: " " + w, Style: st})
			}
		}
		// The measure: the first line's natural width, give or take ten
		// twips.
		c.width = layout.Length(math.Round(width(c.runs))) + layout.Length(rng.IntN(21)-10)
		if heading {
			// Less than a twip short of the heading's width: LibreOffice
			// keeps it whole if its width rounded to twips fits (a short
			// portion, linebreak.BreakFormatted).
			c.width = layout.Length(math.Ceil(width(c.runs))) - 1
		}
		if c.width > page.TextWidth()-c.first {
			continue // wider than the page allows
		}
		if !heading {
			more := ""
			for range 4 + rng.IntN(20) {
				more += " " + words[rng.IntN(len(words))]
			}
			c.runs = append(c.runs, layout.Run{Text: more, Style: base})
		}
		cases = append(cases, c)
	}
	return cases
}

// Lines end where LibreOffice ends them: 360 paragraphs, in the body and
// in table cells, at 12, 13 and 14 pt, regular and bold (some italic, some
// mixing the three, some with non-breaking hyphens and spaces or
// subscripts, some justified or with a first-line indent, some headings in
// capitals), each with a measure within ten twips of the width of its
// first words (a heading's within one), break line for line as LibreOffice
// breaks our DOCX of them. This is what holds the measuring
// model of fonts.Face.Width and linebreak.BreakFormatted to LibreOffice's:
// the model before it (each glyph's advance rounded to a twip, a line as
// wide as its words) set 199 of these 1,047 lines differently, in 72
// paragraphs; leaving out only the rounding of short portions, 6 lines.
func TestLineEndsAgreeWithLibreOffice(t *testing.T) {
	testtool.Require(t, "soffice", "pdftotext")
	fs := fontSet(t)
	page := nd30.Page(false)
	var blocks []layout.Block
	cases := sweepCases(fs, page)
	for _, c := range cases {
		st := c.runs[0].Style
		p := &layout.Paragraph{Runs: c.runs, Mark: st, LineSpacing: nd30.LineSpacing, Align: c.align, FirstLine: c.first}
		if !c.cell {
			p.IndentRight = page.TextWidth() - c.width - c.first
			blocks = append(blocks, p)
			continue
		}
		blocks = append(blocks, &layout.Table{
			Columns: []layout.Length{c.width + 2*nd30.CellPadding}, Borders: true, BorderWidth: nd30.TableBorder,
			CellPadding: nd30.CellPadding, CellPaddingVertical: nd30.CellPaddingVertical,
			Rows: []layout.Row{{Cells: []layout.Cell{{Blocks: []layout.Block{p}}}}},
		}, &layout.Paragraph{Mark: st}) // tables apart
	}
	ld := &layout.Document{Font: nd30.FontFamily, Default: layout.Style{Size: layout.Pt(13)}, Sections: []layout.Section{{Page: page, Blocks: blocks}}}
	d, p := writeBoth(t, ld, fs, "lineends")
	dir := filepath.Dir(d)
	// Each paragraph's lines, found by its number. Spaces are left out:
	// LibreOffice's PDF places glyphs to 0.1 pt, so the gap it leaves after
	// an italic non-breaking hyphen reads as a space or not.
	number := regexp.MustCompile(`^§(\d+)`)
	paragraphs := func(path string) [][]string {
		out := make([][]string, len(cases))
		k := -1
		for _, l := range collapsed(t, path) {
			if l == "\f" {
				continue
			}
			if m := number.FindStringSubmatch(l); m != nil {
				k, _ = strconv.Atoi(m[1])
				k--
			}
			if k >= 0 && k < len(out) {
				out[k] = append(out[k], strings.ReplaceAll(l, " ", ""))
			}
		}
		return out
	}
	lo, mine := paragraphs(testtool.ConvertToPDF(t, dir, d)[0]), paragraphs(p)
	lines, wrong, paras := 0, 0, 0
	for k := range cases {
		if len(lo[k]) == 0 {
			t.Fatalf("§%d: LibreOffice set no line", k+1)
		}
		lines += len(lo[k])
		bad := max(len(lo[k]), len(mine[k])) - min(len(lo[k]), len(mine[k]))
		for i := range min(len(lo[k]), len(mine[k])) {
			if lo[k][i] != mine[k][i] {
				bad++
			}
		}
		if bad > 0 {
			wrong += bad
			if paras++; paras <= 10 {
				t.Errorf("§%d (%.0f twips, cell %v): lines differ\n ours: %q\n   LO: %q", k+1, float64(cases[k].width), cases[k].cell, mine[k], lo[k])
			}
		}
	}
	t.Logf("%d paragraphs, %d lines: %d lines of %d paragraphs differ", len(cases), lines, wrong, paras)
	if wrong > 0 {
		t.Errorf("%d of %d lines (%d paragraphs) differ from LibreOffice's", wrong, lines, paras)
	}
}

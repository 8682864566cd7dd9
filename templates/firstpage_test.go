package templates_test

import (
	"math"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/vanban-vn/vanban/internal/testtool"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/nd30"
)

// The examples that carry the marks of page 1 outside the text — ô 11
// (circulation), the agency signature text of a separate file or an
// electronic copy (signed_at, Mẫu 1.3, 2.2, 3.2), ô 13 (contact) — have them
// where docs/nd30.md §2.4 puts them, in our PDF and in LibreOffice's
// rendering of our DOCX, within 1 mm of each other.

const mm = 72 / 25.4 // points in a millimetre

var (
	marksOnce sync.Once
	marksLO   map[string]string // example → LibreOffice's PDF of its DOCX
)

// markExamples are the rendered examples with marks of page 1, and
// LibreOffice's PDFs of their DOCX.
func markExamples(t *testing.T) ([]rendered, map[string]string) {
	t.Helper()
	testtool.Require(t, "soffice", "mutool")
	var with []rendered
	for _, r := range renderExamples(t) {
		if r.doc.Marks.Circulation != "" || nd30.ContactLine(r.doc.Contact) != "" || r.doc.SignedAt != nil || r.doc.Copy != nil && r.doc.Copy.SignedAt != nil {
			with = append(with, r)
		}
	}
	marksOnce.Do(func() {
		var docs []string
		for _, r := range with {
			docs = append(docs, r.docx)
		}
		dir := filepath.Join(renderDir, "lo-marks")
		marksLO = map[string]string{}
		for i, pdf := range testtool.ConvertToPDF(t, dir, docs...) {
			marksLO[with[i].name] = pdf
		}
	})
	if len(with) < 5 || len(marksLO) != len(with) {
		t.Fatalf("%d examples with marks, %d converted", len(with), len(marksLO))
	}
	return with, marksLO
}

// edges are the horizontal strokes of page 1 spanning x0 to x1, top to
// bottom.
func edges(strokes []testtool.Stroke, x0, x1 float64) []float64 {
	var ys []float64
	for _, s := range strokes {
		if s.Page == 1 && math.Abs(s.Y0-s.Y1) < 0.01 && math.Abs(min(s.X0, s.X1)-x0) < 0.5 && math.Abs(max(s.X0, s.X1)-x1) < 0.5 {
			ys = append(ys, s.Y0)
		}
	}
	sort.Float64s(ys)
	return ys
}

func TestFirstPageMarks(t *testing.T) {
	rs, lo := markExamples(t)
	page := nd30.Page(false)
	right := (page.Width - page.Right).Points()
	for _, r := range rs {
		t.Run(r.name, func(t *testing.T) {
			sec := r.ld.Sections[0]
			ourStrokes, _ := testtool.Trace(t, r.pdf)
			loStrokes, _ := testtool.Trace(t, lo[r.name])
			ours, theirs := testtool.Lines(testtool.Glyphs(t, r.pdf), 1, 0, 1000), testtool.Lines(testtool.Glyphs(t, lo[r.name]), 1, 0, 1000)
			same := func(what string, a, b float64) {
				t.Helper()
				if math.Abs(a-b) > mm {
					t.Errorf("%s: ours %.2f pt, LibreOffice %.2f pt", what, a, b)
				}
			}
			// Each box in the top margin band with its text, bordered.
			var stamp *layout.Box
			for i := range sec.FirstPageBoxes {
				bx := &sec.FirstPageBoxes[i]
				text := bx.Blocks[0].(*layout.Paragraph).Runs[0].Text
				x0, x1, y0 := bx.X.Points(), (bx.X + bx.Width).Points(), bx.Y.Points()
				y1 := y0 + bx.Height.Points()
				if y0 < 0 || y1 > page.Top.Points() || x0 < page.Left.Points() || x1 > right+0.01 {
					t.Errorf("box %q at %.1f–%.1f × %.1f–%.1f mm: not in the top margin band", text, x0/mm, x1/mm, y0/mm, y1/mm)
				}
				a, b := edges(ourStrokes, x0, x1), edges(loStrokes, x0, x1)
				half := bx.Border.Points() / 2 // a border's stroke is inside the box
				if len(a) != 2 || len(b) < 2 || math.Abs(a[0]-y0-half) > 0.01 || math.Abs(a[1]-y1+half) > 0.01 {
					t.Fatalf("box %q: edges %v, LibreOffice %v, layout %.2f–%.2f", text, a, b, y0, y1)
				}
				same(text+" top edge", a[0], b[0])
				same(text+" bottom edge", a[1], b[len(b)-1])
				first := strings.Fields(text)[0]
				l, m := lineOf(ours, first), lineOf(theirs, first)
				if l == nil || m == nil || l.X0 < x0 || l.X1 > x1 || l.Baseline < y0 || l.Baseline > y1 {
					t.Fatalf("%q: ours %+v, LibreOffice %+v, not inside the box", text, l, m)
				}
				same(text+" baseline", l.Baseline, m.Baseline)
				same(text+" left", l.X0, m.X0)
				if r.doc.Marks.Circulation == text {
					// ô 11: bold capitals, right of centre, left of the signature's box.
					if !fontIs(l, true, false) || stamp == nil && math.Abs((x0+x1)/2-(marginLeft+textWidth*nd30.CirculationCentre)) > 0.1 ||
						stamp != nil && x1 > stamp.X.Points() {
						t.Errorf("ô 11 %q at %.1f–%.1f mm", text, x0/mm, x1/mm)
					}
				} else {
					// The agency signature's text: 10 pt upright, the box
					// 77 mm wide on the right margin.
					stamp = bx
					if fontIs(l, true, false) || math.Abs(x1-right) > 0.01 || math.Abs(bx.Width.Millimetres()-77) > 0.01 {
						t.Errorf("signature text %+v in a box %.1f–%.1f mm", l, x0/mm, x1/mm)
					}
				}
			}
			if (r.doc.Marks.Circulation != "") != (len(sec.FirstPageBoxes) > 0 && stamp == nil || len(sec.FirstPageBoxes) > 1) {
				t.Errorf("%d boxes for circulation %q", len(sec.FirstPageBoxes), r.doc.Marks.Circulation)
			}
			// ô 13: the foot, its last line on the bottom margin, under a rule
			// across the text width, page 1's text above it.
			contact := nd30.ContactLine(r.doc.Contact)
			if contact == "" {
				if len(sec.FirstPageFoot) > 0 {
					t.Errorf("a foot without a contact line")
				}
				return
			}
			rule := edges(ourStrokes, marginLeft, marginRight)
			loRule := edges(loStrokes, marginLeft, marginRight)
			if len(rule) != 1 || len(loRule) < 1 { // LibreOffice may draw a rule twice
				t.Fatalf("ô 13 rule: ours %v, LibreOffice %v", rule, loRule)
			}
			same("ô 13 rule", rule[0], loRule[0])
			var foot, loFoot []float64
			for i, l := range ours {
				if l.Baseline > rule[0] {
					if !centred(&ours[i], textCentre) || l.Fonts[boldFont(&ours[i])] {
						t.Errorf("ô 13 line %+v: want upright, centred", l)
					}
					foot = append(foot, l.Baseline)
				} else if l.Baseline > page.Top.Points() && l.Baseline > rule[0]-2*mm {
					t.Errorf("%q too close above the rule", l.Text)
				}
			}
			for _, l := range theirs {
				if l.Baseline > loRule[0] {
					loFoot = append(loFoot, l.Baseline)
				}
			}
			if len(foot) == 0 || len(foot) != len(loFoot) {
				t.Fatalf("ô 13: lines at %v, LibreOffice %v", foot, loFoot)
			}
			for i := range foot {
				same("ô 13 line", foot[i], loFoot[i])
			}
			st := r.ld.Sections[0].FirstPageFoot[1].(*layout.Paragraph).Runs[0].Style
			descent := 0.216 * st.Size.Points() // Liberation Serif's
			if bottom := (page.Height - page.Bottom).Points(); math.Abs(foot[len(foot)-1]+descent-bottom) > 0.5*mm {
				t.Errorf("ô 13's last line ends at %.2f mm, the bottom margin is at %.2f mm", (foot[len(foot)-1]+descent)/mm, bottom/mm)
			}
			if pages := testtool.PageTexts(t, r.pdf); len(pages) > 1 && strings.Contains(strings.Join(pages[1:], ""), strings.Fields(contact)[0]+" "+strings.Fields(contact)[1]) {
				t.Errorf("ô 13 on a page after the first")
			}
		})
	}
}

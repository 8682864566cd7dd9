package templates

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/nd30"
)

// item is one paragraph (or rule) of a laid-out document in reading order,
// with where it stands: section, and the table cell it is in (col -1 when
// it is not in a table).
type item struct {
	sec, table, row, col int
	text                 string
	st                   layout.Style // the first run's
	align                layout.Align
	rule                 *layout.Rule
	boxed                bool // in a bordered one-cell table: a mark
	p                    *layout.Paragraph
}

func flatten(ld *layout.Document) []item {
	var out []item
	for si, sec := range ld.Sections {
		tables := 0
		var walk func(blocks []layout.Block, table, row, col int, boxed bool)
		walk = func(blocks []layout.Block, table, row, col int, boxed bool) {
			for _, b := range blocks {
				switch v := b.(type) {
				case *layout.Paragraph:
					var text strings.Builder
					for _, r := range v.Runs {
						text.WriteString(r.Text)
					}
					it := item{sec: si, table: table, row: row, col: col, text: text.String(), align: v.Align, boxed: boxed, p: v}
					if len(v.Runs) > 0 {
						it.st = v.Runs[0].Style
					}
					out = append(out, it)
				case *layout.Rule:
					out = append(out, item{sec: si, table: table, row: row, col: col, rule: v})
				case *layout.Table:
					tables++
					t := tables
					for ri := 0; ri < v.NumRows(); ri++ {
						r := v.Row(ri)
						for ci, c := range r.Cells {
							walk(c.Blocks, t, ri, ci, v.Borders && len(v.Columns) == 1)
						}
					}
				}
			}
		}
		for _, bx := range sec.FirstPageBoxes {
			walk(bx.Blocks, 0, -1, -1, bx.Border > 0)
		}
		walk(sec.Blocks, 0, -1, -1, false)
		walk(sec.FirstPageFoot, 0, -1, -1, false)
	}
	return out
}

// want is a paragraph expected in order: its text starts with prefix, and
// its first run is bold, italic, in capitals as asked ("" = either).
type want struct {
	prefix string
	style  string // letters: B bold, b not bold, I italic, i not italic, C centred, J justified, L left, R right, X in a mark's box
	col    int    // the table column it stands in; -1 outside tables; -2 any
}

func w(prefix, style string) want           { return want{prefix, style, -2} }
func wc(prefix, style string, col int) want { return want{prefix, style, col} }

func (it item) matches(x want) error {
	if !strings.HasPrefix(it.text, x.prefix) {
		return fmt.Errorf("text %q", it.text)
	}
	if x.col != -2 && it.col != x.col {
		return fmt.Errorf("%q in column %d, want %d", it.text, it.col, x.col)
	}
	for _, c := range x.style {
		ok := true
		switch c {
		case 'B':
			ok = it.st.Bold
		case 'b':
			ok = !it.st.Bold
		case 'I':
			ok = it.st.Italic
		case 'i':
			ok = !it.st.Italic
		case 'C':
			ok = it.align == layout.Center
		case 'J':
			ok = it.align == layout.Justify
		case 'L':
			ok = it.align == layout.Left
		case 'X':
			ok = it.boxed
		}
		if !ok {
			return fmt.Errorf("%q: not %c (style %+v, align %d)", it.text, c, it.st, it.align)
		}
	}
	return nil
}

// inOrder checks that the wanted paragraphs appear in this order (others may
// come between them).
func inOrder(t *testing.T, name string, items []item, wants ...want) {
	t.Helper()
	i := 0
	for _, x := range wants {
		found := false
		var last error
		for ; i < len(items); i++ {
			if items[i].rule != nil {
				continue
			}
			if err := items[i].matches(x); err == nil {
				found = true
				i++
				break
			} else if strings.HasPrefix(items[i].text, x.prefix) {
				last = err
			}
		}
		if !found {
			t.Errorf("%s: %q (%s) not found in order; %v", name, x.prefix, x.style, last)
			return
		}
	}
}

func buildExample(t *testing.T, name string) (*vanban.Document, []item, *layout.Document) {
	t.Helper()
	doc, err := vanban.ParseFile(filepath.Join("..", "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	ld, err := Build(doc, fontSet(t))
	if err != nil {
		t.Fatal(err)
	}
	return doc, flatten(ld), ld
}

// Mẫu 1.2: tên loại and trích yếu in bold, centred, under the header; the
// authority in bold capitals; the bases in italic, ";" after each and "."
// after the last ("Theo đề nghị của …"); "QUYẾT ĐỊNH:"; the articles "Điều
// N." in bold as typed text; the Nơi nhận opening "- Như Điều 3;".
func TestDecisionForm(t *testing.T) {
	_, items, ld := buildExample(t, "quyet-dinh-cong-bo-chi-so-cchc.yaml")
	inOrder(t, "1.2", items,
		wc("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "BC", 0), wc("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BC", 1),
		wc("Số: 815/QĐ-UBND", "bC", 0), wc("Hà Tĩnh, ngày 02 tháng 4 năm 2024", "IC", 1),
		wc("QUYẾT ĐỊNH", "BiC", -1), wc("Về việc công bố", "BiC", -1),
		wc("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "BC", -1),
		wc("Căn cứ Luật Tổ chức", "IJ", -1), w("Căn cứ Nghị quyết", "IJ"), w("Căn cứ Quyết định", "IJ"),
		w("Theo đề nghị của Giám đốc Sở Nội vụ", "IJ"),
		wc("QUYẾT ĐỊNH:", "BC", -1),
		w("Điều 1. Công bố", "BJ"), w("1. Khối sở", "bJ"), w("2. Khối", "bJ"),
		w("Điều 2. Giao", "B"), w("Điều 3. Quyết định này", "B"),
		wc("Nơi nhận:", "BI", 0), wc("- Như Điều 3;", "bi", 0), wc("- Lưu: VT, NC1. HT.(45)", "b", 0),
		wc("KT. CHỦ TỊCH", "BC", 1), wc("PHÓ CHỦ TỊCH", "BC", 1), wc("Nguyễn Hồng Lĩnh", "BC", 1),
	)
	var bases []string
	for _, it := range items {
		if it.st.Italic && it.align == layout.Justify {
			bases = append(bases, it.text)
		}
	}
	for i, b := range bases {
		end := ";"
		if i == len(bases)-1 {
			end = "."
		}
		if !strings.HasSuffix(b, end) {
			t.Errorf("basis %d %q does not end with %q", i, b, end)
		}
	}
	// the article label is a bold run of its own before the upright text
	for _, it := range items {
		if strings.HasPrefix(it.text, "Điều 1.") {
			if r := it.p.Runs; len(r) < 2 || r[0].Text != "Điều 1. " || !r[0].Style.Bold || r[1].Style.Bold {
				t.Errorf("article 1 runs %+v", r)
			}
		}
	}
	// ô 5a's rule is 1/3–1/2 of the trích yếu's longest line, under it
	for i, it := range items {
		if strings.HasPrefix(it.text, "Về việc công bố") {
			r := items[i+1].rule
			if r == nil {
				t.Fatal("no rule under the trích yếu")
			}
			line := layout.Length(0)
			pw := ld.Sections[0].Page.TextWidth()
			line = (&builder{fonts: fontSet(t)}).longestLine(it.text, it.st, pw)
			if r.Width*3 < line || r.Width*2 > line {
				t.Errorf("rule %d twips for a line of %d", r.Width, line)
			}
		}
	}
}

// Mẫu 1.1: the same frame with "QUYẾT NGHỊ:" and a collective signer.
func TestResolutionForm(t *testing.T) {
	_, items, _ := buildExample(t, "nghi-quyet-hdnd.yaml")
	inOrder(t, "1.1", items, w("NGHỊ QUYẾT", "BC"), w("Về việc thông qua", "BC"), w("HỘI ĐỒNG NHÂN DÂN TỈNH HÀ TĨNH KHÓA XVIII", "BC"),
		w("Căn cứ", "I"), w("Xét Tờ trình", "I"), w("QUYẾT NGHỊ:", "BC"), w("Điều 1.", "B"), w("Điều 3.", "B"),
		w("- Như Điều 2;", ""), w("TM. HỘI ĐỒNG NHÂN DÂN", "BC"), w("CHỦ TỊCH", "BC"))
}

// Mẫu 1.3: the decision, then in a section of its own the issued quy chế:
// header without Số or date, tên loại, trích yếu, the italic "(Kèm theo
// Quyết định số …)" line, its Chương and Điều; and as a separate electronic
// file, the same with the agency's signature text at the top right.
func TestIssuedDocumentForm(t *testing.T) {
	_, items, ld := buildExample(t, "quyet-dinh-ban-hanh-quy-che.yaml")
	if len(ld.Sections) != 2 || ld.Sections[1].PageNumber == nil {
		t.Fatalf("%d sections", len(ld.Sections))
	}
	var issued []item
	for _, it := range items {
		if it.sec == 1 {
			issued = append(issued, it)
		}
	}
	inOrder(t, "1.3", issued, wc("SỞ NỘI VỤ", "BC", 0), wc("CỘNG HÒA", "BC", 1), wc("QUY CHẾ", "BC", -1), wc("Làm việc của Sở Nội vụ", "BC", -1),
		wc("(Kèm theo Quyết định số 52/QĐ-SNV ngày 26 tháng 02 năm 2024 của Sở Nội vụ)", "IC", -1),
		w("Chương I", "BC"), w("QUY ĐỊNH CHUNG", "BC"), w("Điều 1. Phạm vi", "BJ"), w("1. Quy chế này", "bJ"),
		w("Chương II", "BC"), w("TRÁCH NHIỆM", "BC"), w("Điều 4.", "B"))
	for _, it := range issued {
		if strings.HasPrefix(it.text, "Số:") || strings.Contains(it.text, "ngày") && it.col == 1 {
			t.Errorf("the issued document's header has %q", it.text)
		}
	}
	_, items, _ = buildExample(t, "quy-che-tep-rieng-dien-tu.yaml")
	inOrder(t, "1.3 e", items, w("Số: 52/QĐ-SNV; 26/02/2024; 15:20:41 +07:00", "bX"), w("SỞ NỘI VỤ", "B"), w("QUY CHẾ", "BC"),
		w("(Kèm theo Quyết định số …/QĐ-SNV ngày … tháng … năm … của Sở Nội vụ)", "IC"), w("Chương I", "BC"))
	if it := items[0]; it.st.Size != layout.Pt(10) {
		t.Errorf("signature text %v, want 10 pt", it.st.Size)
	}
}

// Mẫu 1.4: tên loại, trích yếu, Kính gửi for a tờ trình, the headings I.,
// 1. as typed text (I. in bold), the draft mark at the top left.
func TestTypedForms(t *testing.T) {
	_, items, _ := buildExample(t, "to-trinh-chi-so-cchc.yaml")
	inOrder(t, "1.4 tờ trình", items, w("DỰ THẢO", "BX"), w("SỞ NỘI VỤ", "B"), w("Số:", ""), w("TỜ TRÌNH", "BC"), w("Về việc", "BC"),
		w("Kính gửi: Ủy ban nhân dân tỉnh Hà Tĩnh", "bL"), w("Thực hiện", "bJ"), w("I. KẾT QUẢ", "BJ"), w("1. Khối", "bJ"),
		w("II. ĐỀ XUẤT", "B"), wc("- Như trên;", "", 0), wc("GIÁM ĐỐC", "BC", 1))
	_, items, _ = buildExample(t, "bao-cao-cchc-quy-1.yaml")
	inOrder(t, "1.4 báo cáo", items, w("LƯU HÀNH NỘI BỘ", "BX"), w("SỞ NỘI VỤ", "B"), w("BÁO CÁO", "BC"), w("Kết quả thực hiện", "BC"),
		w("I. KẾT QUẢ", "B"), w("a) Sở đã", "b"), w("III. NHIỆM VỤ", "B"))
	_, items, ld := buildExample(t, "ke-hoach-chuyen-doi-so.yaml")
	inOrder(t, "1.4 kế hoạch", items, w("KẾ HOẠCH", "BC"), w("KHẨN", "BX"), w("Thực hiện", "J"), w("TM. ỦY BAN NHÂN DÂN", "BC"),
		w("Phụ lục", "BC"), w("DANH MỤC NHIỆM VỤ", "BC"), w("(Kèm theo Kế hoạch số 112/KH-UBND ngày 12 tháng 3 năm 2024 của Ủy ban nhân dân tỉnh Hà Tĩnh)", "IC"))
	if len(ld.Sections) != 2 {
		t.Errorf("kế hoạch: %d sections, want the appendix as its own", len(ld.Sections))
	}
	_, items, _ = buildExample(t, "thong-bao-ket-luan.yaml")
	var contact *item
	for i := range items {
		if strings.HasPrefix(items[i].text, "Số 01 đường Nguyễn Tất Thành") {
			contact = &items[i]
			if r := items[i-1].rule; r == nil || r.Width != ld.Sections[0].Page.TextWidth() {
				t.Errorf("ô 13 is not under a rule across the text width")
			}
		}
	}
	if contact == nil || contact.st.Size != layout.Pt(11) || !strings.Contains(contact.text, "ĐT:\u00a00239\u00a03855\u00a0123") {
		t.Errorf("ô 13: %+v", contact)
	}
}

// The marks of ô 10a/10b sit in rectangles of the Decree's sizes (20, 40,
// 30 × 8 mm), at the left, under the trích yếu.
func TestUrgencyStamp(t *testing.T) {
	doc, _, _ := buildExample(t, "cong-dien-ung-pho-bao.yaml")
	for _, s := range nd30.UrgencyStamps {
		doc.Marks.Urgency = s.Text
		for _, set := range []nd30.SizeSet{nd30.Set13, nd30.Set14} {
			doc.SizeSet = set
			ld, err := Build(doc, fontSet(t))
			if err != nil {
				t.Fatal(err)
			}
			var box *layout.Table
			for _, b := range ld.Sections[0].Blocks {
				if tb, ok := b.(*layout.Table); ok && tb.Borders {
					box = tb
				}
			}
			if box == nil || box.Columns[0] != s.Width || box.Align != layout.Left {
				t.Fatalf("%s: box %+v", s.Text, box)
			}
			p := box.Rows[0].Cells[0].Blocks[0].(*layout.Paragraph)
			inner := box.Columns[0] - 2*box.CellPadding - 2*box.BorderWidth
			if width := (&builder{fonts: fontSet(t)}).width(p.Runs[0].Text, p.Runs[0].Style); width > inner {
				t.Errorf("%s at %d pt: text %d twips in a %d twips rectangle", s.Text, set, width, inner)
			}
			if !p.Runs[0].Style.Bold || p.Runs[0].Style.Size != set.Style(nd30.Urgency).Size {
				t.Errorf("%s: style %+v", s.Text, p.Runs[0].Style)
			}
		}
	}
}

// Mẫu 1.6: "CÔNG ĐIỆN", the trích yếu, "<issuer> điện:", the recipients
// "- …;" with the last ".", the text, the signature.
func TestTelegramForm(t *testing.T) {
	_, items, _ := buildExample(t, "cong-dien-ung-pho-bao.yaml")
	inOrder(t, "1.6", items, w("Số: 05/CĐ-UBND", ""), w("CÔNG ĐIỆN", "BC"), w("Về việc chủ động", "BC"), w("HỎA TỐC", "BX"),
		w("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:", "b"), w("- Giám đốc các sở", "bL"), w("- Chủ tịch", "L"),
		w("- Ban Chỉ huy Phòng chống thiên tai và Tìm kiếm cứu nạn tỉnh.", "L"), w("Theo tin", "J"), w("CHỦ TỊCH", "BC"))
}

// Mẫu 1.7: the invitation's lines, the weekday computed.
func TestInvitationForm(t *testing.T) {
	_, items, _ := buildExample(t, "giay-moi-hoi-nghi.yaml")
	inOrder(t, "1.7", items, w("Số: 24/GM-SNV", ""), w("GIẤY MỜI", "BC"), w("Hội nghị triển khai", "BC"),
		w("Sở Nội vụ trân trọng kính mời: Lãnh đạo các sở", "bJ"), w("Tới dự Hội nghị triển khai", "J"), w("Chủ trì: Đồng chí Lê Minh Đạo", "J"),
		w("Thời gian: 14h00 ngày 14/3/2024 (thứ Năm)", "J"), w("Địa điểm: Hội trường", "J"), w("Đề nghị các đại biểu", "J"), w("KT. GIÁM ĐỐC", "BC"))
}

// Mẫu 1.8: no trích yếu; the person, where and why, the validity; Nơi nhận
// "- Như trên;" and "- Lưu: VT.".
func TestIntroductionForm(t *testing.T) {
	_, items, _ := buildExample(t, "giay-gioi-thieu.yaml")
	inOrder(t, "1.8", items, w("GIẤY GIỚI THIỆU", "BC"), w("Sở Nội vụ trân trọng giới thiệu:", "b"), w("Ông Nguyễn Văn An", "b"),
		w("Chức vụ: Chuyên viên", ""), w("Được cử đến: Vụ Cải cách hành chính", ""), w("Về việc: Liên hệ", ""),
		w("Đề nghị Quý cơ quan tạo điều kiện để ông có tên ở trên hoàn thành nhiệm vụ.", ""),
		w("Giấy này có giá trị đến hết ngày 31/3/2024./.", ""), wc("- Như trên;", "", 0), wc("- Lưu: VT.", "", 0))
	for i, it := range items {
		if it.text == "GIẤY GIỚI THIỆU" && items[i+1].rule == nil {
			t.Error("no rule under the tên loại")
		}
	}
}

// Mẫu 1.9: no place and date; the lines of the minutes; THƯ KÝ left and
// CHỦ TỌA right on one row; the Nơi nhận under them ends "- Lưu: VT, Hồ sơ.".
func TestMinutesForm(t *testing.T) {
	_, items, _ := buildExample(t, "bien-ban-hop-hoi-dong.yaml")
	inOrder(t, "1.9", items, w("Số: 03/BB-HĐTĐ", ""), w("BIÊN BẢN", "BC"), w("Cuộc họp Hội đồng", "BC"),
		w("Thời gian bắt đầu: 8 giờ 00, ngày 20 tháng 3 năm 2024", ""), w("Địa điểm: Phòng họp số 2", ""),
		w("Thành phần tham dự:", ""), w("- Các thành viên", ""), w("- Đại diện Văn phòng Ủy ban nhân dân tỉnh.", ""),
		w("Chủ trì (chủ tọa): Lê Minh Đạo, Giám đốc Sở Nội vụ, Chủ tịch Hội đồng", ""),
		w("Thư ký (người ghi biên bản): Nguyễn Văn An, Chuyên viên Sở Nội vụ", ""), w("Nội dung cuộc họp:", ""),
		w("1. Đồng chí", ""), w("Cuộc họp kết thúc vào 11 giờ 30, ngày 20 tháng 3 năm 2024./.", ""),
		wc("THƯ KÝ", "BC", 0), wc("Nguyễn Văn An", "BC", 0), wc("CHỦ TỌA", "BC", 1), wc("Lê Minh Đạo", "BC", 1),
		wc("Nơi nhận:", "BI", 0), wc("- Các thành viên Hội đồng;", "", 0), wc("- Lưu: VT, Hồ sơ.", "", 0))
	for _, it := range items {
		if strings.HasPrefix(it.text, "Hà Tĩnh, ngày") {
			t.Errorf("a biên bản has no place and date line: %q", it.text)
		}
	}
	var sec, chair item
	for _, it := range items {
		switch it.text {
		case "THƯ KÝ":
			sec = it
		case "CHỦ TỌA":
			chair = it
		}
	}
	if sec.table != chair.table || sec.row != chair.row || sec.col != 0 || chair.col != 1 {
		t.Errorf("THƯ KÝ %+v and CHỦ TỌA %+v are not side by side", sec, chair)
	}
}

// Mẫu 1.10: the grant, the person, the days counted, the confirmation block.
func TestLeaveForm(t *testing.T) {
	_, items, _ := buildExample(t, "giay-nghi-phep.yaml")
	inOrder(t, "1.10", items, w("GIẤY NGHỈ PHÉP", "BC"),
		w("Xét Đơn đề nghị nghỉ phép ngày 11/3/2024 của bà Trần Thị Lan, Sở Nội vụ cấp cho:", "J"), w("Bà: Trần Thị Lan", ""),
		w("Chức vụ: Chuyên viên", ""), w("Được nghỉ phép trong thời gian 05 ngày, kể từ ngày 18/3/2024 đến hết ngày 22/3/2024 tại xã Thạch Bằng", ""),
		w("Số ngày nghỉ phép nêu trên được tính vào thời gian nghỉ hằng năm có hưởng lương năm 2024./.", ""),
		wc("- Bà Trần Thị Lan;", "", 0), wc("KT. GIÁM ĐỐC", "BC", 1), wc(nd30.LeaveConfirmation, "BC", 0))
}

// Mẫu 3.1: the copied document, then under a rule across the text width
// the copy's block; Mẫu 3.2: the copying agency's signature text at the
// top right, no block.
func TestCopyForms(t *testing.T) {
	_, items, ld := buildExample(t, "ban-sao-y-quyet-dinh.yaml")
	inOrder(t, "3.1", items, w("QUYẾT ĐỊNH", "BC"), w("Nguyễn Hồng Lĩnh", "BC"),
		wc("UBND TỈNH HÀ TĨNH", "bC", 0), wc("SỞ NỘI VỤ", "BC", 0), wc("SAO Y", "BC", 1), wc("Số: 12/SY-SNV", "", 0),
		wc("Hà Tĩnh, ngày 17 tháng 4 năm 2024", "IC", 1), wc("- Các thành viên Hội đồng;", "", 0), wc("- Lưu: VT.", "", 0),
		wc("TL. GIÁM ĐỐC", "BC", 1), wc("CHÁNH VĂN PHÒNG", "BC", 1), wc("Phan Thị Thu Hằng", "BC", 1))
	full := false
	for i, it := range items {
		if it.text == "Nguyễn Hồng Lĩnh" {
			for _, after := range items[i+1:] {
				if after.rule != nil {
					full = after.rule.Width == ld.Sections[0].Page.TextWidth()
					break
				}
			}
		}
	}
	if !full {
		t.Error("no rule across the text width between the text and the copy block")
	}
	_, items, _ = buildExample(t, "ban-sao-dien-tu-giay-moi.yaml")
	inOrder(t, "3.2", items, w("SAO Y; Văn phòng Ủy ban nhân dân tỉnh Hà Tĩnh; 09/03/2024; 08:12:05 +07:00", "bX"), w("GIẤY MỜI", "BC"))
	for _, it := range items {
		if it.text == "SAO Y" {
			t.Error("an electronic copy has no paper copy block")
		}
	}
}

// Mẫu 2.2: appendices in a file of their own, the signature text at the
// top right, the "Kèm theo" line's number and date left empty.
func TestAppendixFileForm(t *testing.T) {
	doc, items, _ := buildExample(t, "phu-luc-ke-hoach-dien-tu.yaml")
	inOrder(t, "2.2", items, w("Số: 112/KH-UBND; 12/03/2024; 16:45:08 +07:00", "bX"), w("Phụ lục", "BC"),
		w("DANH MỤC NHIỆM VỤ", "BC"), w("(Kèm theo Kế hoạch số …/KH-UBND ngày … tháng … năm … của Ủy ban nhân dân tỉnh Hà Tĩnh)", "IC"), w("STT", "B"))
	doc.SignedAt = nil // Mẫu 2.1 in a file of its own: the line filled in
	doc.AttachedTo.Date = nd30.Date{Year: 2024, Month: 3, Day: 12}
	ld, err := Build(doc, fontSet(t))
	if err != nil {
		t.Fatal(err)
	}
	inOrder(t, "2.1", flatten(ld), w("Phụ lục", "BC"), w("(Kèm theo Kế hoạch số 112/KH-UBND ngày 12 tháng 3 năm 2024 của Ủy ban nhân dân tỉnh Hà Tĩnh)", "IC"))
}

// Every example lays out; every type of every family appears in one.
func TestEveryFamilyHasAnExample(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "examples", "*.yaml"))
	seen := map[nd30.Family]bool{}
	for _, f := range files {
		doc, err := vanban.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Build(doc, fontSet(t)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
		seen[doc.DocType().Family] = true
	}
	for f := range composers {
		if !seen[f] {
			t.Errorf("no example of family %d", f)
		}
	}
}

package vanban

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/vanban-vn/vanban/nd30"
)

// Body markup, a small and strict subset of Markdown that officers can type:
//
//	paragraphs     separated by blank lines; the lines of one paragraph are joined
//	- item         a line starting "- " or "+ " is a paragraph of its own, kept as written
//	1. / a)        numbered lines are paragraphs of their own, kept as written
//	**bold**  *italic*  ~sub~  ^sup^
//	{{deadline "id"}}  a deadline from `deadlines`, written "14h00 ngày 06/3/2024 (thứ Tư)"
//	\* \~ \^ \\ \{   a literal mark
//
// A mark left open at the end of a paragraph is an error, not a silent style.

var numberedLine = regexp.MustCompile(`^(\d+(\.\d+)*\.|[a-zđ]\)|[IVXLC]+\.)\s`)

// Headings of a structured body (docs/nd30.md §3 rows 12–19, §5): "Chương I",
// "Phần II", "Mục 1", "Tiểu mục 2" alone on a line, with the title on the
// next line; "Điều 5. Phạm vi điều chỉnh" on a line of its own; "I. KẾT QUẢ"
// (a Roman number) as a numbered heading.
var (
	partLine    = regexp.MustCompile(`^(Phần|Chương) [IVXLC]+$|^(Mục|Tiểu mục) \d+$`)
	articleLine = regexp.MustCompile(`^Điều \d+\.(\s|$)`)
	romanLine   = regexp.MustCompile(`^[IVXLC]+\.\s`)
)

// ArticleNumber is the number of an article heading ("Điều 5. …" → 5), or 0.
func ArticleNumber(text string) int {
	if !articleLine.MatchString(text) {
		return 0
	}
	n := 0
	for _, c := range text[len("Điều "):] {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// IsRomanHeading reports whether a numbered paragraph is a heading numbered
// in Roman numerals ("I. NHỮNG KẾT QUẢ"), set in bold (docs/nd30.md §3 row 19).
func IsRomanHeading(p *Paragraph) bool {
	return p.Kind == NumberedParagraph && romanLine.MatchString(p.Source)
}

// segment maps a piece of a paragraph's text back to the source.
type segment struct {
	offset int // byte offset in the paragraph text
	pos    Pos // where that byte is in the file
}

type rawParagraph struct {
	kind     ParagraphKind
	text     strings.Builder
	segments []segment
}

// posAt returns the file position of byte offset off in the paragraph text.
func (r *rawParagraph) posAt(off int) Pos {
	seg := r.segments[0]
	for _, s := range r.segments {
		if s.offset <= off {
			seg = s
		}
	}
	text := r.text.String()
	if off > len(text) {
		off = len(text)
	}
	p := seg.pos
	p.Column += utf8.RuneCountInString(text[seg.offset:off])
	return p
}

// body parses the body text into paragraphs of inlines, checking every
// deadline reference against deadlines.
func (d *decoder) body(n *yaml.Node, path string, deadlines map[string]nd30.Deadline) []Paragraph {
	s, ok := d.text(n, path)
	if !ok {
		return nil
	}
	rn := resolve(n)
	if len(s) > MaxBodyBytes {
		d.errorf(rn, path, "limit-body", "nội dung dài %d KB, vượt giới hạn %d KB; văn bản dài hãy chia phụ lục hoặc văn bản kèm theo", "the body is %d KB, over the %d KB limit; move long material to an appendix or an attached document", len(s)>>10, MaxBodyBytes>>10)
		return nil
	}
	if strings.TrimSpace(s) == "" {
		d.errorf(rn, path, "yaml-empty-value", "không được để trống: cần nội dung văn bản", "must not be empty: expected the body text")
		return nil
	}
	valueLines := strings.Split(s, "\n")
	lineStart := d.lineLocator(rn, valueLines)

	var raws []*rawParagraph
	var cur *rawParagraph
	for i, l := range valueLines {
		trimmed := strings.TrimSpace(l)
		if trimmed == "" {
			cur = nil
			continue
		}
		start := lineStart(i)
		start.Column += utf8.RuneCountInString(l[:strings.Index(l, trimmed)])
		kind := PlainParagraph
		switch {
		case strings.HasPrefix(trimmed, "- ") || strings.HasPrefix(trimmed, "+ "):
			kind = ItemParagraph
		case strings.HasPrefix(trimmed, "Điều ") && articleLine.MatchString(trimmed):
			kind = ArticleParagraph
		case len(trimmed) < 32 && partLine.MatchString(trimmed): // "Tiểu mục 12" is the longest
			kind = PartParagraph
		case numberedLine.MatchString(trimmed):
			kind = NumberedParagraph
		case len(raws) > 0 && raws[len(raws)-1].kind == PartParagraph:
			kind = PartTitleParagraph // the line right under "Chương I"
		}
		if cur == nil || kind != PlainParagraph {
			cur = &rawParagraph{kind: kind}
			raws = append(raws, cur)
		} else {
			cur.text.WriteByte(' ')
		}
		cur.segments = append(cur.segments, segment{cur.text.Len(), start})
		cur.text.WriteString(trimmed)
		if kind == ArticleParagraph || kind == PartParagraph || kind == PartTitleParagraph {
			// A heading is a line of its own; the next line starts a paragraph,
			// except the title under a Chương or Mục, which joins no text.
			if kind != PartParagraph {
				cur = nil
			}
		}
	}

	paras := make([]Paragraph, 0, len(raws))
	for _, r := range raws {
		inlines := d.inlines(r, path, deadlines)
		paras = append(paras, Paragraph{Kind: r.kind, Inlines: inlines, Pos: r.segments[0].pos, Source: r.text.String(), segments: r.segments})
	}
	return paras
}

// lineLocator returns, for line i of a scalar's value, the file position of
// its first byte. Literal block scalars ("body: |") map line for line; other
// styles fold lines, so their positions fall back to the value's start.
//
// Lines are counted as yaml.v3 counts them, then converted to the editor's:
// yaml.v3 keeps a LINE SEPARATOR or PARAGRAPH SEPARATOR in a literal value
// and starts a line after it, so the value's line i is yaml.v3's line
// n.Line+1+i plus the separators in the value's lines before it.
func (d *decoder) lineLocator(n *yaml.Node, valueLines []string) func(int) Pos {
	seps := make([]int, len(valueLines)+1) // separators before each line
	for i, l := range valueLines {
		seps[i+1] = seps[i] + strings.Count(l, "\u2028") + strings.Count(l, "\u2029")
	}
	return func(i int) Pos {
		if n.Style&yaml.LiteralStyle == 0 || d.src == nil {
			return d.pos(n)
		}
		fileLine, start, ok := d.src.yamlLineText(n.Line + 1 + i + seps[i])
		if !ok {
			return d.pos(n)
		}
		part := valueLines[i]
		if j := strings.IndexAny(part, "\u2028\u2029"); j >= 0 {
			part = part[:j]
		}
		if !strings.HasSuffix(fileLine, part) {
			return start
		}
		indent := utf8.RuneCountInString(fileLine) - utf8.RuneCountInString(part)
		return Pos{start.Line, start.Column + indent}
	}
}

type markState struct {
	bold, italic     bool
	script           Script
	boldAt, italicAt int
	scriptAt         int
	scriptMark       string
	pendingText      strings.Builder
	inlines          []Inline
}

func (m *markState) flush() {
	if m.pendingText.Len() == 0 {
		return
	}
	in := Inline{Text: m.pendingText.String(), Bold: m.bold, Italic: m.italic, Script: m.script}
	m.pendingText.Reset()
	if k := len(m.inlines) - 1; k >= 0 {
		last := &m.inlines[k]
		if last.Deadline == "" && last.Bold == in.Bold && last.Italic == in.Italic && last.Script == in.Script {
			last.Text += in.Text
			return
		}
	}
	m.inlines = append(m.inlines, in)
}

var deadlineCall = regexp.MustCompile(`^\s*deadline\s+"([^"]*)"\s*$`)

// inlines parses the marks of one paragraph.
func (d *decoder) inlines(r *rawParagraph, path string, deadlines map[string]nd30.Deadline) []Inline {
	text := r.text.String()
	var m markState
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '\\' && i+1 < len(text) && strings.IndexByte(`*~^\{}`, text[i+1]) >= 0:
			m.pendingText.WriteByte(text[i+1])
			i += 2
		case strings.HasPrefix(text[i:], "**"):
			m.flush()
			m.bold, m.boldAt = !m.bold, i
			i += 2
		case c == '*':
			m.flush()
			m.italic, m.italicAt = !m.italic, i
			i++
		case c == '~' || c == '^':
			m.flush()
			want := Subscript
			if c == '^' {
				want = Superscript
			}
			switch m.script {
			case Baseline:
				m.script, m.scriptAt, m.scriptMark = want, i, string(c)
			case want:
				m.script = Baseline
			default:
				d.errorAt(r.posAt(i), path, "body-markup", "dấu %q không thể nằm trong chỉ số %q mở ở cột %d", "mark %q cannot stand inside the %q script opened at column %d", string(c), m.scriptMark, r.posAt(m.scriptAt).Column)
				return nil
			}
			i++
		case strings.HasPrefix(text[i:], "{{"):
			end := strings.Index(text[i:], "}}")
			if end < 0 {
				d.errorAt(r.posAt(i), path, "body-markup", "thiếu \"}}\" đóng mẫu {{deadline \"…\"}}", "missing \"}}\" to close {{deadline \"…\"}}")
				return nil
			}
			call := text[i+2 : i+end]
			mm := deadlineCall.FindStringSubmatch(call)
			if mm == nil {
				d.errorAt(r.posAt(i), path, "body-markup", "mẫu {{%s}} không hợp lệ; cần {{deadline \"tên\"}}", "template {{%s}} is not valid; expected {{deadline \"name\"}}", call)
				return nil
			}
			id := mm[1]
			if _, ok := deadlines[id]; !ok && !d.deadlineIDs[id] {
				d.errorAt(r.posAt(i), path, "deadline-undefined", "thời hạn %q chưa được khai báo trong trường deadlines%s", "deadline %q is not declared in deadlines%s", id, knownIDs(id, deadlines))
				return nil
			}
			m.flush()
			if _, ok := deadlines[id]; !ok {
				i += end + 2 // declared but invalid: already reported there
				continue
			}
			m.inlines = append(m.inlines, Inline{Deadline: id, Bold: m.bold, Italic: m.italic, Script: m.script})
			i += end + 2
		default:
			m.pendingText.WriteByte(c)
			i++
		}
	}
	m.flush()
	switch {
	case m.bold:
		d.errorAt(r.posAt(m.boldAt), path, "body-markup", "dấu \"**\" (chữ đậm) mở ở đây chưa được đóng trong đoạn; thêm \"**\" ở cuối phần chữ đậm hoặc viết \\* để in dấu *", "bold mark \"**\" opened here is not closed in the paragraph; add \"**\" after the bold text or write \\* for a literal *")
	case m.italic:
		d.errorAt(r.posAt(m.italicAt), path, "body-markup", "dấu \"*\" (chữ nghiêng) mở ở đây chưa được đóng trong đoạn; thêm \"*\" ở cuối phần chữ nghiêng hoặc viết \\* để in dấu *", "italic mark \"*\" opened here is not closed in the paragraph; add \"*\" after the italic text or write \\* for a literal *")
	case m.script != Baseline:
		d.errorAt(r.posAt(m.scriptAt), path, "body-markup", "dấu %q (chỉ số) mở ở đây chưa được đóng trong đoạn", "script mark %q opened here is not closed in the paragraph", m.scriptMark)
	}
	return m.inlines
}

func knownIDs(id string, deadlines map[string]nd30.Deadline) localized {
	ids := make([]string, 0, len(deadlines))
	for k := range deadlines {
		ids = append(ids, k)
	}
	if s := didYouMean(id, ids); s != "" {
		return localized{"; có phải ý bạn là \"" + s + "\"?", "; did you mean \"" + s + "\"?"}
	}
	return localized{}
}

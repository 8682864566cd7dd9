package server

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/form"
	"github.com/vanban-vn/vanban/nd30"
)

// Draft is the editor's form as the page sends it: one typed field per
// field of the input, named as the YAML names it, so that a field path
// ("signer.title", "appendices[0].columns[2].kind") is the same in the page,
// in the YAML written from it and in the model's errors. Every value is
// text as typed (a number field holds "12", a date "2024-03"): the model
// decides what is valid, with its own messages.
type Draft struct {
	Type        string   `json:"type"`
	SizeSet     string   `json:"size_set,omitempty"`
	Agency      *Agency  `json:"agency,omitempty"`
	Number      string   `json:"number,omitempty"`
	Code        string   `json:"code,omitempty"`
	Place       string   `json:"place,omitempty"`
	Date        string   `json:"date,omitempty"`
	Subject     string   `json:"subject,omitempty"`
	Secrecy     string   `json:"secrecy,omitempty"`
	Urgency     string   `json:"urgency,omitempty"`
	Circulation string   `json:"circulation,omitempty"`
	Draft       bool     `json:"draft,omitempty"`
	Recipients  []string `json:"recipients,omitempty"`
	Issuer      string   `json:"issuer,omitempty"`
	Authority   string   `json:"authority,omitempty"`
	CanCu       []string `json:"can_cu,omitempty"`
	Proposal    string   `json:"proposal,omitempty"`
	// Articles hold a title (optional) and a text each.
	Articles     []Article     `json:"articles,omitempty"`
	Issues       *Issued       `json:"issues,omitempty"`
	Invitation   *Invitation   `json:"invitation,omitempty"`
	Introduction *Introduction `json:"introduction,omitempty"`
	Minutes      *Minutes      `json:"minutes,omitempty"`
	Leave        *Leave        `json:"leave,omitempty"`
	Deadlines    []Deadline    `json:"deadlines,omitempty"`
	Body         string        `json:"body,omitempty"`
	Signer       *Signer       `json:"signer,omitempty"`
	CC           []string      `json:"cc,omitempty"`
	Archive      string        `json:"archive,omitempty"`
	Drafter      *Drafter      `json:"drafter,omitempty"`
	Contact      *Contact      `json:"contact,omitempty"`
	Appendices   []Appendix    `json:"appendices,omitempty"`
	AttachedTo   *ParentRef    `json:"attached_to,omitempty"`
	SignedAt     string        `json:"signed_at,omitempty"`
	Copy         *Copy         `json:"copy,omitempty"`
}

// Agency is the issuing agency block.
type Agency struct {
	Parent     string `json:"parent,omitempty"`
	Name       string `json:"name,omitempty"`
	NameInText string `json:"name_in_text,omitempty"`
	// The seal's image (a .png in the working folder) and its diameter in
	// mm, for an electronic document.
	SealImage string `json:"seal_image,omitempty"`
	SealMM    string `json:"seal_mm,omitempty"`
}

// Signer is the signature block: authority and title lines, and the name.
type Signer struct {
	Title []string `json:"title,omitempty"`
	Name  string   `json:"name,omitempty"`
	// The signature's image, a .png in the working folder.
	SignatureImage string `json:"signature_image,omitempty"`
}

// Deadline is one entry of `deadlines`: its name, date and time (HH:MM,
// 24:00 allowed; empty for a date only).
type Deadline struct {
	ID   string `json:"id"`
	Date string `json:"date"`
	Time string `json:"time,omitempty"`
}

// Article is one Điều of a decision.
type Article struct {
	Title string `json:"title,omitempty"`
	Body  string `json:"body"`
}

// Issued is the document a decision issues (Mẫu 1.3).
type Issued struct {
	Type    string `json:"type,omitempty"`
	Subject string `json:"subject,omitempty"`
	Body    string `json:"body,omitempty"`
}

// Invitation is a giấy mời's block (Mẫu 1.7).
type Invitation struct {
	Invitees string `json:"invitees,omitempty"`
	Event    string `json:"event,omitempty"`
	Chair    string `json:"chair,omitempty"`
	Time     string `json:"time,omitempty"`
	Place    string `json:"place,omitempty"`
}

// Introduction is a giấy giới thiệu's block (Mẫu 1.8).
type Introduction struct {
	Honorific  string `json:"honorific,omitempty"`
	Name       string `json:"name,omitempty"`
	Position   string `json:"position,omitempty"`
	SentTo     string `json:"sent_to,omitempty"`
	Purpose    string `json:"purpose,omitempty"`
	ValidUntil string `json:"valid_until,omitempty"`
}

// Person is a chair or secretary of a biên bản.
type Person struct {
	Name     string   `json:"name,omitempty"`
	Position string   `json:"position,omitempty"`
	Title    []string `json:"title,omitempty"` // the chair only
}

// Minutes is a biên bản's block (Mẫu 1.9).
type Minutes struct {
	Kind         string   `json:"kind,omitempty"`
	Start        string   `json:"start,omitempty"`
	End          string   `json:"end,omitempty"`
	Place        string   `json:"place,omitempty"`
	Participants []string `json:"participants,omitempty"`
	Chair        *Person  `json:"chair,omitempty"`
	Secretary    *Person  `json:"secretary,omitempty"`
}

// Leave is a giấy nghỉ phép's block (Mẫu 1.10).
type Leave struct {
	Requested    string `json:"requested,omitempty"`
	Honorific    string `json:"honorific,omitempty"`
	Name         string `json:"name,omitempty"`
	Position     string `json:"position,omitempty"`
	From         string `json:"from,omitempty"`
	To           string `json:"to,omitempty"`
	Days         string `json:"days,omitempty"`
	Place        string `json:"place,omitempty"`
	CountedAs    string `json:"counted_as,omitempty"`
	Confirmation bool   `json:"confirmation,omitempty"`
}

// Drafter is ô 12: the drafter's initials and the copies issued.
type Drafter struct {
	Initials string `json:"initials,omitempty"`
	Copies   string `json:"copies,omitempty"`
}

// Contact is ô 13.
type Contact struct {
	Address string `json:"address,omitempty"`
	Phone   string `json:"phone,omitempty"`
	Fax     string `json:"fax,omitempty"`
	Email   string `json:"email,omitempty"`
	Website string `json:"website,omitempty"`
}

// Appendix is one phụ lục: its columns and, in the grid, its rows (one
// cell per non-index column, in column order).
type Appendix struct {
	Title       string     `json:"title,omitempty"`
	Header      bool       `json:"header,omitempty"`
	Landscape   bool       `json:"landscape,omitempty"`
	Columns     []Column   `json:"columns,omitempty"`
	TotalLabel  string     `json:"total_label,omitempty"`
	BlankRows   string     `json:"blank_rows,omitempty"`
	Rows        [][]string `json:"rows,omitempty"`
	RowsFrom    string     `json:"rows_from,omitempty"`
	SubtotalsBy string     `json:"subtotals_by,omitempty"`
}

// Column is one appendix column.
type Column struct {
	Title string `json:"title,omitempty"`
	Kind  string `json:"kind,omitempty"` // text (or ""), index, score
	Total bool   `json:"total,omitempty"`
	Width string `json:"width,omitempty"`
	Max   string `json:"max,omitempty"`
}

// ParentRef names the document a separate file belongs to.
type ParentRef struct {
	Type   string `json:"type,omitempty"`
	Number string `json:"number,omitempty"`
	Code   string `json:"code,omitempty"`
	Date   string `json:"date,omitempty"`
	Agency string `json:"agency,omitempty"`
}

// Copy is a bản sao block (Mẫu 3.1, 3.2).
type Copy struct {
	Kind     string   `json:"kind,omitempty"`
	Agency   *Agency  `json:"agency,omitempty"`
	Number   string   `json:"number,omitempty"`
	Code     string   `json:"code,omitempty"`
	Place    string   `json:"place,omitempty"`
	Date     string   `json:"date,omitempty"`
	Signer   *Signer  `json:"signer,omitempty"`
	CC       []string `json:"cc,omitempty"`
	Archive  string   `json:"archive,omitempty"`
	SignedAt string   `json:"signed_at,omitempty"`
}

// lineInfo says what a line of the written YAML holds: the field path of
// its value and, for a line of a literal block (the body), which line of
// the text it is and how far the text is indented.
type lineInfo struct {
	path     string
	textLine int // 0-based line of the field's text; -1 when not a text line
	indent   int // columns before the text on a text line
	keyCol   int // the column of the line's key (1-based): where a mapping there starts
}

// Written is a draft as YAML, with what each line holds.
type Written struct {
	YAML  []byte
	lines []lineInfo // lines[i] is line i+1
}

// yamlWriter writes a draft as YAML, a line at a time, recording the field
// path of every line.
type yamlWriter struct {
	b     []byte
	lines []lineInfo
}

// mark records the path of the line just written.
func (w *yamlWriter) mark(path string) {
	end := len(w.b) - 1 // the line's '\n'
	start := bytes.LastIndexByte(w.b[:end], '\n') + 1
	line := w.b[start:end]
	col := len(line) - len(bytes.TrimLeft(line, " ")) + 1
	if bytes.HasPrefix(line[col-1:], []byte("- ")) {
		col += 2
	}
	w.lines = append(w.lines, lineInfo{path: path, textLine: -1, keyCol: col})
}

func (w *yamlWriter) indent(n int) { w.b = append(w.b, strings.Repeat("  ", n)...) }

// key writes "key:" opening a nested block.
func (w *yamlWriter) key(depth int, key, path string) {
	w.indent(depth)
	w.b = append(w.b, key...)
	w.b = append(w.b, ":\n"...)
	w.mark(path)
}

// str writes "key: "value"" when value is not empty.
func (w *yamlWriter) str(depth int, key, value, path string) {
	if strings.TrimSpace(value) == "" {
		return
	}
	w.indent(depth)
	w.b = append(w.b, key...)
	w.b = append(w.b, ": "...)
	w.b = form.AppendYAMLQuoted(w.b, value)
	w.b = append(w.b, '\n')
	w.mark(path)
}

// number writes an integer field: plain when it is digits (as an author
// writes it), else quoted, so that the model says what is wrong with it.
func (w *yamlWriter) number(depth int, key, value, path string) {
	v := strings.TrimSpace(value)
	if v == "" {
		return
	}
	if _, err := strconv.Atoi(v); err == nil && v[0] != '0' && v[0] != '+' && v[0] != '-' && len(v) < 10 {
		w.indent(depth)
		w.b = append(w.b, key...)
		w.b = append(w.b, ": "...)
		w.b = append(w.b, v...)
		w.b = append(w.b, '\n')
		w.mark(path)
		return
	}
	w.str(depth, key, v, path)
}

// decimal writes a number field (a width, a diameter): plain when it is a
// decimal number, else quoted, so that the model says what is wrong.
func (w *yamlWriter) decimal(depth int, key, value, path string) {
	v := strings.TrimSpace(value)
	if v == "" {
		return
	}
	if isDecimal(v) {
		w.indent(depth)
		w.b = append(w.b, key...)
		w.b = append(w.b, ": "...)
		w.b = append(w.b, v...)
		w.b = append(w.b, '\n')
		w.mark(path)
		return
	}
	w.str(depth, key, v, path)
}

// isDecimal reports whether v is digits with at most one dot inside.
func isDecimal(v string) bool {
	dot := false
	for i, c := range v {
		switch {
		case c >= '0' && c <= '9':
		case c == '.' && !dot && i > 0 && i < len(v)-1:
			dot = true
		default:
			return false
		}
	}
	return v != "" && len(v) < 16
}

// boolean writes "key: true" when set.
func (w *yamlWriter) boolean(depth int, key string, value bool, path string) {
	if !value {
		return
	}
	w.indent(depth)
	w.b = append(w.b, key...)
	w.b = append(w.b, ": true\n"...)
	w.mark(path)
}

// list writes a list of lines, each "- "item"", leaving out empty items;
// each line's path keeps the item's place in the page's list.
func (w *yamlWriter) list(depth int, key string, items []string, path string) {
	if len(nonEmpty(items)) == 0 {
		return
	}
	w.key(depth, key, path)
	for i, s := range items {
		if strings.TrimSpace(s) == "" {
			continue
		}
		w.indent(depth + 1)
		w.b = append(w.b, "- "...)
		w.b = form.AppendYAMLQuoted(w.b, s)
		w.b = append(w.b, '\n')
		w.mark(fmt.Sprintf("%s[%d]", path, i))
	}
}

// text writes a multi-line text (a body) as a literal block, line for line
// as typed, so that a position in it is a line and column of the editor's
// text box; a text a literal block cannot hold exactly is written quoted.
func (w *yamlWriter) text(depth int, key, value, path string) {
	if strings.TrimSpace(value) == "" {
		return
	}
	w.indent(depth)
	w.textAfter(key+": ", depth+1, value, path)
}

// textAfter writes prefix (the rest of the line before the value) and the
// text, its block lines at depth.
func (w *yamlWriter) textAfter(prefix string, depth int, value, path string) {
	w.b = append(w.b, prefix...)
	block, ok := literalBlock(value, depth)
	if !ok {
		w.b = form.AppendYAMLQuoted(w.b, value)
		w.b = append(w.b, '\n')
		w.mark(path)
		return
	}
	w.b = append(w.b, block.header...)
	w.b = append(w.b, '\n')
	w.mark(path)
	for i, line := range block.lines {
		if line != "" {
			w.indent(depth)
			w.b = append(w.b, line...)
		}
		w.b = append(w.b, '\n')
		w.lines = append(w.lines, lineInfo{path: path, textLine: i, indent: 2 * depth})
	}
}

type literal struct {
	header string
	lines  []string
}

// literalBlock is value as a YAML literal block scalar at the given depth,
// when one holds it exactly: printable characters only, no line ending in
// blanks, no line break other than LF. The result is read back to make sure.
func literalBlock(value string, depth int) (literal, bool) {
	if !utf8.ValidString(value) {
		return literal{}, false
	}
	for _, r := range value {
		switch {
		case r == '\n', r == '\t':
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0, r == 0x2028, r == 0x2029, r == 0xfeff, r == utf8.RuneError, r >= 0xfffe && r <= 0xffff:
			return literal{}, false
		}
	}
	lines := strings.Split(value, "\n")
	for _, l := range lines {
		if strings.TrimRight(l, " \t") != l || strings.HasPrefix(l, "\t") {
			return literal{}, false
		}
	}
	// Keep: a final line break as typed (|); strip: none (|-); trailing
	// empty lines are not kept.
	chomp := "-"
	if strings.HasSuffix(value, "\n") {
		lines = lines[:len(lines)-1]
		chomp = ""
		if len(lines) > 0 && lines[len(lines)-1] == "" {
			return literal{}, false
		}
	}
	header := "|" + chomp
	for _, l := range lines {
		if l != "" {
			if l[0] == ' ' {
				header = "|2" + chomp
			}
			break
		}
	}
	lit := literal{header: header, lines: lines}
	// Read it back: what the model will read must be what was typed.
	var b []byte
	b = append(b, "v: "...)
	b = append(b, header...)
	b = append(b, '\n')
	for _, l := range lines {
		if l != "" {
			b = append(b, strings.Repeat("  ", depth)...)
			b = append(b, l...)
		}
		b = append(b, '\n')
	}
	var back struct {
		V string `yaml:"v"`
	}
	if err := yaml.Unmarshal(b, &back); err != nil || back.V != value {
		return literal{}, false
	}
	return lit, true
}

func nonEmpty(items []string) []string {
	out := make([]string, 0, len(items))
	for _, s := range items {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// uses is the top-level fields a draft's type takes (vanban.TypeFields);
// nil for an unknown type, which then writes every field given and lets
// the model say what is wrong.
func (d *Draft) uses() map[string]vanban.Use {
	t, ok := nd30.DocumentTypeOf(strings.TrimSpace(d.Type))
	if !ok || !t.Laid() {
		return nil
	}
	return vanban.TypeFields(t, d.AttachedTo != nil && !d.AttachedTo.empty() && t.Family == nd30.Typed)
}

// YAML writes the draft as the input vanban reads, field by field in the
// order the README lists them. Only the fields the chosen type takes are
// written (the page keeps the others while the officer tries another
// type), and an empty field is left out: the model reports a required one
// as missing, by its path.
func (d *Draft) YAML() *Written {
	w := &yamlWriter{b: make([]byte, 0, 4096)}
	uses := d.uses()
	take := func(name string) bool { return uses == nil || uses[name] != vanban.Unused }
	w.str(0, "type", d.Type, "type")
	if take("size_set") {
		w.number(0, "size_set", d.SizeSet, "size_set")
	}
	if take("agency") {
		d.Agency.write(w, 0, "agency", "agency")
	}
	if take("number") {
		w.number(0, "number", d.Number, "number")
	}
	for _, f := range []struct{ key, value string }{{"code", d.Code}, {"place", d.Place}, {"date", d.Date}, {"subject", d.Subject},
		{"secrecy", d.Secrecy}, {"urgency", d.Urgency}, {"circulation", d.Circulation}} {
		if take(f.key) {
			w.str(0, f.key, f.value, f.key)
		}
	}
	if take("draft") {
		w.boolean(0, "draft", d.Draft, "draft")
	}
	if take("recipients") {
		w.list(0, "recipients", d.Recipients, "recipients")
	}
	if take("issuer") {
		w.str(0, "issuer", d.Issuer, "issuer")
	}
	if take("authority") {
		w.str(0, "authority", d.Authority, "authority")
	}
	if take("can_cu") {
		w.list(0, "can_cu", d.CanCu, "can_cu")
	}
	if take("proposal") {
		w.str(0, "proposal", d.Proposal, "proposal")
	}
	if take("articles") {
		d.writeArticles(w)
	}
	if take("issues") && d.Issues != nil && (d.Issues.Type != "" || d.Issues.Subject != "" || strings.TrimSpace(d.Issues.Body) != "") {
		w.key(0, "issues", "issues")
		w.str(1, "type", d.Issues.Type, "issues.type")
		w.str(1, "subject", d.Issues.Subject, "issues.subject")
		w.text(1, "body", d.Issues.Body, "issues.body")
	}
	if take("invitation") && d.Invitation != nil {
		in := d.Invitation
		d.fields(w, "invitation", [][2]string{{"invitees", in.Invitees}, {"event", in.Event}, {"chair", in.Chair}, {"time", in.Time}, {"place", in.Place}})
	}
	if take("introduction") && d.Introduction != nil {
		in := d.Introduction
		d.fields(w, "introduction", [][2]string{{"honorific", in.Honorific}, {"name", in.Name}, {"position", in.Position},
			{"sent_to", in.SentTo}, {"purpose", in.Purpose}, {"valid_until", in.ValidUntil}})
	}
	if take("minutes") && d.Minutes != nil {
		d.Minutes.write(w)
	}
	if take("leave") && d.Leave != nil {
		d.Leave.write(w)
	}
	if take("deadlines") {
		d.writeDeadlines(w)
	}
	if take("body") {
		w.text(0, "body", d.Body, "body")
	}
	if take("signer") {
		d.Signer.write(w, 0, "signer", "signer")
	}
	if take("cc") {
		w.list(0, "cc", d.CC, "cc")
	}
	if take("archive") {
		w.str(0, "archive", d.Archive, "archive")
	}
	if take("drafter") && d.Drafter != nil && (strings.TrimSpace(d.Drafter.Initials) != "" || strings.TrimSpace(d.Drafter.Copies) != "") {
		w.key(0, "drafter", "drafter")
		w.str(1, "initials", d.Drafter.Initials, "drafter.initials")
		w.number(1, "copies", d.Drafter.Copies, "drafter.copies")
	}
	if take("contact") && d.Contact != nil {
		c := d.Contact
		d.fields(w, "contact", [][2]string{{"address", c.Address}, {"phone", c.Phone}, {"fax", c.Fax}, {"email", c.Email}, {"website", c.Website}})
	}
	if take("appendices") {
		d.writeAppendices(w)
	}
	if take("attached_to") && d.AttachedTo != nil && !d.AttachedTo.empty() {
		r := d.AttachedTo
		w.key(0, "attached_to", "attached_to")
		w.str(1, "type", r.Type, "attached_to.type")
		w.number(1, "number", r.Number, "attached_to.number")
		w.str(1, "code", r.Code, "attached_to.code")
		w.str(1, "date", r.Date, "attached_to.date")
		w.str(1, "agency", r.Agency, "attached_to.agency")
	}
	if take("signed_at") {
		w.str(0, "signed_at", d.SignedAt, "signed_at")
	}
	if take("copy") && d.Copy != nil {
		d.Copy.write(w)
	}
	return &Written{YAML: w.b, lines: w.lines}
}

// fields writes a block of one-line fields under key when any is set.
func (d *Draft) fields(w *yamlWriter, key string, kv [][2]string) {
	any := false
	for _, f := range kv {
		any = any || strings.TrimSpace(f[1]) != ""
	}
	if !any {
		return
	}
	w.key(0, key, key)
	for _, f := range kv {
		w.str(1, f[0], f[1], key+"."+f[0])
	}
}

func (a *Agency) empty() bool {
	return a == nil || strings.TrimSpace(a.Parent+a.Name+a.NameInText+a.SealImage+a.SealMM) == ""
}

func (a *Agency) write(w *yamlWriter, depth int, key, path string) {
	if a.empty() {
		return
	}
	w.key(depth, key, path)
	w.str(depth+1, "parent", a.Parent, path+".parent")
	w.str(depth+1, "name", a.Name, path+".name")
	w.str(depth+1, "name_in_text", a.NameInText, path+".name_in_text")
	w.str(depth+1, "seal_image", a.SealImage, path+".seal_image")
	w.decimal(depth+1, "seal_mm", a.SealMM, path+".seal_mm")
}

func (s *Signer) write(w *yamlWriter, depth int, key, path string) {
	if s == nil || (len(nonEmpty(s.Title)) == 0 && strings.TrimSpace(s.Name+s.SignatureImage) == "") {
		return
	}
	w.key(depth, key, path)
	if t := nonEmpty(s.Title); len(t) == 1 {
		w.str(depth+1, "title", t[0], path+".title")
	} else {
		w.list(depth+1, "title", t, path+".title")
	}
	w.str(depth+1, "name", s.Name, path+".name")
	w.str(depth+1, "signature_image", s.SignatureImage, path+".signature_image")
}

func (r *ParentRef) empty() bool {
	return r == nil || strings.TrimSpace(r.Type+r.Number+r.Code+r.Date+r.Agency) == ""
}

func (d *Draft) writeArticles(w *yamlWriter) {
	any := false
	for _, a := range d.Articles {
		any = any || strings.TrimSpace(a.Title) != "" || strings.TrimSpace(a.Body) != ""
	}
	if !any {
		return
	}
	w.key(0, "articles", "articles")
	for i, a := range d.Articles {
		p := fmt.Sprintf("articles[%d]", i)
		switch {
		case strings.TrimSpace(a.Title) == "" && strings.TrimSpace(a.Body) == "":
			continue
		case strings.TrimSpace(a.Title) == "":
			// {body: …}: the model reads it as the text alone, and the
			// text can be a block.
			w.indent(1)
			w.textAfter("- body: ", 3, a.Body, p+".body")
		default:
			w.indent(1)
			w.b = append(w.b, "- title: "...)
			w.b = form.AppendYAMLQuoted(w.b, a.Title)
			w.b = append(w.b, '\n')
			w.mark(p + ".title")
			w.text(2, "body", a.Body, p+".body")
		}
	}
}

func (d *Draft) writeDeadlines(w *yamlWriter) {
	any := false
	for _, dl := range d.Deadlines {
		any = any || strings.TrimSpace(dl.ID) != "" || strings.TrimSpace(dl.Date) != ""
	}
	if !any {
		return
	}
	w.key(0, "deadlines", "deadlines")
	for i, dl := range d.Deadlines {
		if strings.TrimSpace(dl.ID) == "" && strings.TrimSpace(dl.Date) == "" {
			continue
		}
		value := strings.TrimSpace(dl.Date)
		if t := strings.TrimSpace(dl.Time); t != "" {
			value += " " + t
		}
		w.indent(1)
		w.b = form.AppendYAMLQuoted(w.b, strings.TrimSpace(dl.ID))
		w.b = append(w.b, ": "...)
		w.b = form.AppendYAMLQuoted(w.b, value)
		w.b = append(w.b, '\n')
		// The model names a deadline by its id; the page by its place in
		// the list (an id may be empty, or given twice).
		w.mark(fmt.Sprintf("deadlines[%d]", i))
	}
}

func (m *Minutes) write(w *yamlWriter) {
	person := func(p *Person) bool {
		return p != nil && strings.TrimSpace(p.Name+p.Position) != "" || p != nil && len(nonEmpty(p.Title)) > 0
	}
	if strings.TrimSpace(m.Kind+m.Start+m.End+m.Place) == "" && len(nonEmpty(m.Participants)) == 0 && !person(m.Chair) && !person(m.Secretary) {
		return
	}
	w.key(0, "minutes", "minutes")
	w.str(1, "kind", m.Kind, "minutes.kind")
	w.str(1, "start", m.Start, "minutes.start")
	w.str(1, "end", m.End, "minutes.end")
	w.str(1, "place", m.Place, "minutes.place")
	w.list(1, "participants", m.Participants, "minutes.participants")
	for _, pp := range []struct {
		key string
		p   *Person
	}{{"chair", m.Chair}, {"secretary", m.Secretary}} {
		if !person(pp.p) {
			continue
		}
		path := "minutes." + pp.key
		w.key(1, pp.key, path)
		w.str(2, "name", pp.p.Name, path+".name")
		w.str(2, "position", pp.p.Position, path+".position")
		if pp.key == "chair" {
			w.list(2, "title", pp.p.Title, path+".title")
		}
	}
}

func (l *Leave) write(w *yamlWriter) {
	if strings.TrimSpace(l.Requested+l.Honorific+l.Name+l.Position+l.From+l.To+l.Days+l.Place+l.CountedAs) == "" && !l.Confirmation {
		return
	}
	w.key(0, "leave", "leave")
	for _, f := range [][2]string{{"requested", l.Requested}, {"honorific", l.Honorific}, {"name", l.Name}, {"position", l.Position}, {"from", l.From}, {"to", l.To}} {
		w.str(1, f[0], f[1], "leave."+f[0])
	}
	w.number(1, "days", l.Days, "leave.days")
	w.str(1, "place", l.Place, "leave.place")
	w.str(1, "counted_as", l.CountedAs, "leave.counted_as")
	w.boolean(1, "confirmation", l.Confirmation, "leave.confirmation")
}

func (c *Copy) write(w *yamlWriter) {
	if strings.TrimSpace(c.Kind+c.Number+c.Code+c.Place+c.Date+c.Archive+c.SignedAt) == "" && c.Agency.empty() &&
		(c.Signer == nil || len(nonEmpty(c.Signer.Title)) == 0 && strings.TrimSpace(c.Signer.Name+c.Signer.SignatureImage) == "") && len(nonEmpty(c.CC)) == 0 {
		return
	}
	w.key(0, "copy", "copy")
	w.str(1, "kind", c.Kind, "copy.kind")
	c.Agency.write(w, 1, "agency", "copy.agency")
	w.number(1, "number", c.Number, "copy.number")
	w.str(1, "code", c.Code, "copy.code")
	w.str(1, "place", c.Place, "copy.place")
	w.str(1, "date", c.Date, "copy.date")
	c.Signer.write(w, 1, "signer", "copy.signer")
	w.list(1, "cc", c.CC, "copy.cc")
	w.str(1, "archive", c.Archive, "copy.archive")
	w.str(1, "signed_at", c.SignedAt, "copy.signed_at")
}

func (d *Draft) writeAppendices(w *yamlWriter) {
	if len(d.Appendices) == 0 {
		return
	}
	w.key(0, "appendices", "appendices")
	for i, a := range d.Appendices {
		p := fmt.Sprintf("appendices[%d]", i)
		w.indent(1)
		w.b = append(w.b, "- title: "...)
		w.b = form.AppendYAMLQuoted(w.b, a.Title)
		w.b = append(w.b, '\n')
		w.mark(p + ".title")
		w.boolean(2, "header", a.Header, p+".header")
		w.boolean(2, "landscape", a.Landscape, p+".landscape")
		if len(a.Columns) > 0 {
			w.key(2, "columns", p+".columns")
			for k, c := range a.Columns {
				cp := fmt.Sprintf("%s.columns[%d]", p, k)
				w.indent(3)
				w.b = append(w.b, "- {title: "...)
				w.b = form.AppendYAMLQuoted(w.b, c.Title)
				if kind := strings.TrimSpace(c.Kind); kind != "" && kind != "text" {
					w.b = append(w.b, ", kind: "...)
					w.b = form.AppendYAMLQuoted(w.b, kind)
				}
				if c.Total {
					w.b = append(w.b, ", total: true"...)
				}
				if v := strings.TrimSpace(c.Width); v != "" {
					w.b = append(w.b, ", width: "...)
					if isDecimal(v) {
						w.b = append(w.b, v...)
					} else {
						w.b = form.AppendYAMLQuoted(w.b, v)
					}
				}
				if v := strings.TrimSpace(c.Max); v != "" {
					w.b = append(w.b, ", max: "...)
					w.b = form.AppendYAMLQuoted(w.b, v)
				}
				w.b = append(w.b, "}\n"...)
				w.mark(cp)
			}
		}
		w.str(2, "total_label", a.TotalLabel, p+".total_label")
		w.number(2, "blank_rows", a.BlankRows, p+".blank_rows")
		w.str(2, "subtotals_by", a.SubtotalsBy, p+".subtotals_by")
		if strings.TrimSpace(a.RowsFrom) != "" {
			w.str(2, "rows_from", a.RowsFrom, p+".rows_from")
			continue
		}
		if rows := filledRows(a.Rows); len(rows) > 0 {
			w.key(2, "rows", p+".rows")
			for _, r := range rows {
				w.indent(3)
				w.b = append(w.b, "- ["...)
				for k, cell := range r.cells {
					if k > 0 {
						w.b = append(w.b, ", "...)
					}
					w.b = form.AppendYAMLQuoted(w.b, cell)
				}
				w.b = append(w.b, "]\n"...)
				w.mark(fmt.Sprintf("%s.rows[%d]", p, r.index))
			}
		}
	}
}

type gridRow struct {
	index int // its place in the page's grid
	cells []string
}

// filledRows are the rows with a cell filled, without the empty cells at
// their end.
func filledRows(rows [][]string) []gridRow {
	var out []gridRow
	for i, r := range rows {
		end := len(r)
		for end > 0 && strings.TrimSpace(r[end-1]) == "" {
			end--
		}
		if end > 0 {
			out = append(out, gridRow{i, r[:end]})
		}
	}
	return out
}

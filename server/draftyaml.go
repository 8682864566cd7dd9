package server

import (
	"fmt"
	"strings"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/form"
	"github.com/vanban-vn/vanban/nd30"
)

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

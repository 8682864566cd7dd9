package server

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	vanban "github.com/vanban-vn/vanban"
)

// Opened is a YAML file read into the editor's form: the draft, and the
// keys the form has no place for (they would be lost on saving: the page
// says so).
type Opened struct {
	Draft   *Draft   `json:"draft"`
	Ignored []string `json:"ignored,omitempty"`
}

// OpenYAML reads a document's YAML into the form. It reads what the
// author wrote (the body as typed, a date as written), not the model's
// normalised values, so that the officer edits their own text; the model's
// errors appear once the form is checked. Only a file that is not YAML at
// all is an error, with its position.
func OpenYAML(name string, src []byte) (*Opened, error) {
	// The model's own checks: size, characters, syntax placed exactly, one
	// document, aliases within the limit (the form would hold every
	// expanded cell).
	top, err := vanban.DecodeYAML(name, src)
	if err != nil {
		return nil, err
	}
	if resolve(top).Kind != yaml.MappingNode {
		return nil, vanban.ErrorList{{File: name, Pos: vanban.Pos{Line: 1, Column: 1}, Rule: "yaml-type",
			Msg: "cần một văn bản YAML với các trường type, agency, subject, body …", MsgEN: "expected a YAML document with type, agency, subject, body …"}}
	}
	o := &opener{}
	d := o.document(resolve(top))
	return &Opened{Draft: d, Ignored: o.ignored}, nil
}

type opener struct {
	ignored []string
}

func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// str is a scalar's text as written ("" for null or a non-scalar).
func str(n *yaml.Node) string {
	n = resolve(n)
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return ""
	}
	return n.Value
}

func boolean(n *yaml.Node) bool {
	s := strings.ToLower(str(n))
	return s == "true" || s == "yes" || s == "on"
}

// lines is a list of lines, or a single line as a list of one.
func lines(n *yaml.Node) []string {
	n = resolve(n)
	switch {
	case n == nil:
		return nil
	case n.Kind == yaml.SequenceNode:
		out := make([]string, 0, len(n.Content))
		for _, c := range n.Content {
			out = append(out, str(c))
		}
		return out
	case str(n) != "":
		return []string{str(n)}
	}
	return nil
}

// each calls f with each key and value of mapping n; keys f does not take
// are recorded as ignored under path.
func (o *opener) each(n *yaml.Node, path string, f func(key string, v *yaml.Node) bool) {
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		if n != nil && str(n) != "" {
			o.ignored = append(o.ignored, path)
		}
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := str(n.Content[i])
		if !f(k, n.Content[i+1]) {
			o.ignored = append(o.ignored, joinPath(path, k))
		}
	}
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// set returns a field setter for a mapping of one-line fields.
func set(fields map[string]*string) func(string, *yaml.Node) bool {
	return func(k string, v *yaml.Node) bool {
		p, ok := fields[k]
		if ok {
			*p = str(v)
		}
		return ok
	}
}

func (o *opener) document(n *yaml.Node) *Draft {
	d := &Draft{}
	o.each(n, "", func(k string, v *yaml.Node) bool {
		switch k {
		case "type":
			d.Type = str(v)
		case "size_set":
			d.SizeSet = str(v)
		case "agency":
			d.Agency = o.agency(v, "agency")
		case "number":
			d.Number = str(v)
		case "code":
			d.Code = str(v)
		case "place":
			d.Place = str(v)
		case "date":
			d.Date = str(v)
		case "subject":
			d.Subject = str(v)
		case "secrecy":
			d.Secrecy = str(v)
		case "urgency":
			d.Urgency = str(v)
		case "circulation":
			d.Circulation = str(v)
		case "draft":
			d.Draft = boolean(v)
		case "recipients":
			d.Recipients = lines(v)
		case "issuer":
			d.Issuer = str(v)
		case "authority":
			d.Authority = str(v)
		case "can_cu":
			d.CanCu = lines(v)
		case "proposal":
			d.Proposal = str(v)
		case "articles":
			for _, a := range seq(v) {
				if a = resolve(a); a.Kind == yaml.MappingNode {
					var art Article
					o.each(a, "articles", set(map[string]*string{"title": &art.Title, "body": &art.Body}))
					d.Articles = append(d.Articles, art)
				} else {
					d.Articles = append(d.Articles, Article{Body: str(a)})
				}
			}
		case "issues":
			is := &Issued{}
			o.each(v, k, set(map[string]*string{"type": &is.Type, "subject": &is.Subject, "body": &is.Body}))
			d.Issues = is
		case "invitation":
			in := &Invitation{}
			o.each(v, k, set(map[string]*string{"invitees": &in.Invitees, "event": &in.Event, "chair": &in.Chair, "time": &in.Time, "place": &in.Place}))
			d.Invitation = in
		case "introduction":
			in := &Introduction{}
			o.each(v, k, set(map[string]*string{"honorific": &in.Honorific, "name": &in.Name, "position": &in.Position,
				"sent_to": &in.SentTo, "purpose": &in.Purpose, "valid_until": &in.ValidUntil}))
			d.Introduction = in
		case "minutes":
			d.Minutes = o.minutes(v)
		case "leave":
			d.Leave = o.leave(v)
		case "deadlines":
			o.each(v, k, func(id string, dv *yaml.Node) bool {
				date, clock, _ := strings.Cut(strings.TrimSpace(str(dv)), " ")
				if strings.Contains(date, "T") && clock == "" {
					date, clock, _ = strings.Cut(date, "T")
				}
				d.Deadlines = append(d.Deadlines, Deadline{ID: id, Date: date, Time: strings.TrimSpace(clock)})
				return true
			})
		case "body":
			d.Body = str(v)
		case "signer":
			d.Signer = o.signer(v, k)
		case "cc":
			d.CC = lines(v)
		case "archive":
			d.Archive = str(v)
		case "drafter":
			dr := &Drafter{}
			o.each(v, k, set(map[string]*string{"initials": &dr.Initials, "copies": &dr.Copies}))
			d.Drafter = dr
		case "contact":
			c := &Contact{}
			o.each(v, k, set(map[string]*string{"address": &c.Address, "phone": &c.Phone, "fax": &c.Fax, "email": &c.Email, "website": &c.Website}))
			d.Contact = c
		case "appendices":
			for i, a := range seq(v) {
				d.Appendices = append(d.Appendices, o.appendix(a, fmt.Sprintf("appendices[%d]", i)))
			}
		case "attached_to":
			r := &ParentRef{}
			o.each(v, k, set(map[string]*string{"type": &r.Type, "number": &r.Number, "code": &r.Code, "date": &r.Date, "agency": &r.Agency}))
			d.AttachedTo = r
		case "signed_at":
			d.SignedAt = str(v)
		case "copy":
			d.Copy = o.copyOf(v)
		default:
			return false
		}
		return true
	})
	return d
}

func seq(n *yaml.Node) []*yaml.Node {
	if n = resolve(n); n != nil && n.Kind == yaml.SequenceNode {
		return n.Content
	}
	return nil
}

func (o *opener) agency(n *yaml.Node, path string) *Agency {
	a := &Agency{}
	o.each(n, path, set(map[string]*string{"parent": &a.Parent, "name": &a.Name, "name_in_text": &a.NameInText, "seal_image": &a.SealImage, "seal_mm": &a.SealMM}))
	return a
}

func (o *opener) signer(n *yaml.Node, path string) *Signer {
	s := &Signer{}
	o.each(n, path, func(k string, v *yaml.Node) bool {
		switch k {
		case "title":
			s.Title = lines(v)
		case "name":
			s.Name = str(v)
		case "signature_image":
			s.SignatureImage = str(v)
		default:
			return false
		}
		return true
	})
	return s
}

func (o *opener) person(n *yaml.Node, path string) *Person {
	p := &Person{}
	o.each(n, path, func(k string, v *yaml.Node) bool {
		switch k {
		case "name":
			p.Name = str(v)
		case "position":
			p.Position = str(v)
		case "title":
			p.Title = lines(v)
		default:
			return false
		}
		return true
	})
	return p
}

func (o *opener) minutes(n *yaml.Node) *Minutes {
	m := &Minutes{}
	o.each(n, "minutes", func(k string, v *yaml.Node) bool {
		switch k {
		case "kind":
			m.Kind = str(v)
		case "start":
			m.Start = str(v)
		case "end":
			m.End = str(v)
		case "place":
			m.Place = str(v)
		case "participants":
			m.Participants = lines(v)
		case "chair":
			m.Chair = o.person(v, "minutes.chair")
		case "secretary":
			m.Secretary = o.person(v, "minutes.secretary")
		default:
			return false
		}
		return true
	})
	return m
}

func (o *opener) leave(n *yaml.Node) *Leave {
	l := &Leave{}
	o.each(n, "leave", func(k string, v *yaml.Node) bool {
		if k == "confirmation" {
			l.Confirmation = boolean(v)
			return true
		}
		return set(map[string]*string{"requested": &l.Requested, "honorific": &l.Honorific, "name": &l.Name, "position": &l.Position,
			"from": &l.From, "to": &l.To, "days": &l.Days, "place": &l.Place, "counted_as": &l.CountedAs})(k, v)
	})
	return l
}

func (o *opener) copyOf(n *yaml.Node) *Copy {
	c := &Copy{}
	o.each(n, "copy", func(k string, v *yaml.Node) bool {
		switch k {
		case "agency":
			c.Agency = o.agency(v, "copy.agency")
		case "signer":
			c.Signer = o.signer(v, "copy.signer")
		case "cc":
			c.CC = lines(v)
		default:
			return set(map[string]*string{"kind": &c.Kind, "number": &c.Number, "code": &c.Code, "place": &c.Place,
				"date": &c.Date, "archive": &c.Archive, "signed_at": &c.SignedAt})(k, v)
		}
		return true
	})
	return c
}

func (o *opener) appendix(n *yaml.Node, path string) Appendix {
	var a Appendix
	var rows *yaml.Node
	o.each(n, path, func(k string, v *yaml.Node) bool {
		switch k {
		case "title":
			a.Title = str(v)
		case "header":
			a.Header = boolean(v)
		case "landscape":
			a.Landscape = boolean(v)
		case "columns":
			for _, c := range seq(v) {
				var col Column
				o.each(c, path+".columns", func(ck string, cv *yaml.Node) bool {
					if ck == "total" {
						col.Total = boolean(cv)
						return true
					}
					return set(map[string]*string{"title": &col.Title, "kind": &col.Kind, "width": &col.Width, "max": &col.Max})(ck, cv)
				})
				a.Columns = append(a.Columns, col)
			}
		case "total_label":
			a.TotalLabel = str(v)
		case "blank_rows":
			a.BlankRows = str(v)
		case "rows":
			rows = v
		case "rows_from":
			a.RowsFrom = str(v)
		case "subtotals_by":
			a.SubtotalsBy = str(v)
		default:
			return false
		}
		return true
	})
	// Rows are lists of the non-index cells, or mappings by column title.
	var data []int
	for i, c := range a.Columns {
		if c.Kind != "index" {
			data = append(data, i)
		}
	}
	for _, r := range seq(rows) {
		r = resolve(r)
		switch r.Kind {
		case yaml.SequenceNode:
			row := make([]string, 0, len(r.Content))
			for _, c := range r.Content {
				row = append(row, str(c))
			}
			a.Rows = append(a.Rows, row)
		case yaml.MappingNode:
			row := make([]string, len(data))
			for i := 0; i+1 < len(r.Content); i += 2 {
				key := vanban.TitleKey(str(r.Content[i]))
				found := false
				for k, ci := range data {
					if vanban.TitleKey(a.Columns[ci].Title) == key {
						row[k], found = str(r.Content[i+1]), true
					}
				}
				if !found {
					o.ignored = append(o.ignored, path+".rows: "+str(r.Content[i]))
				}
			}
			a.Rows = append(a.Rows, row)
		}
	}
	return a
}

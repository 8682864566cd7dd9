// Package check finds what a careful records officer (văn thư) would send a
// draft back for: the style rules of Decree 30/2020/NĐ-CP that the input
// can break even when it renders. Each rule has a stable ID, the spec
// section it comes from, and messages in Vietnamese and English; each
// finding points at the YAML value, or inside the body at the offending text.
//
// Problems that stop a document from rendering are the model's errors
// (vanban.Parse); FromErrors turns them into findings of severity Error so
// that one report holds both.
package check

import (
	"fmt"
	"sort"
	"strings"

	vanban "github.com/vanban-vn/vanban"
)

// Severity says whether a finding stops rendering.
type Severity int

const (
	Warning Severity = iota // a style rule: render prints it and goes on
	Error                   // render refuses
)

// Finding is one problem at one place.
type Finding struct {
	File     string
	Pos      vanban.Pos
	Sheet    string // for findings in a workbook
	Cell     string
	Severity Severity
	Rule     string
	Spec     string // section of docs/nd30.md
	Msg      string // Vietnamese
	MsgEN    string // English; empty when only the Vietnamese exists
}

// Message returns the message in a language ("vi" or "en").
func (f Finding) Message(lang string) string {
	if lang == "en" && f.MsgEN != "" {
		return f.MsgEN
	}
	return f.Msg
}

// Format writes the finding as FILE:LINE:COL: lỗi|cảnh báo [RULE] message.
func (f Finding) Format(lang string) string {
	sev := map[Severity][2]string{Warning: {"cảnh báo", "warning"}, Error: {"lỗi", "error"}}[f.Severity]
	word := sev[0]
	if lang == "en" {
		word = sev[1]
	}
	where := vanban.Where(f.File, f.Pos, f.Sheet, f.Cell, lang)
	rule := f.Rule
	if rule == "" {
		rule = "input"
	}
	return fmt.Sprintf("%s: %s [%s] %s", where, word, rule, f.Message(lang))
}

// FromErrors turns the model's errors into findings of severity Error.
func FromErrors(errs vanban.ErrorList) []Finding {
	out := make([]Finding, 0, len(errs))
	for _, e := range errs {
		msg, en := e.Msg, e.MsgEN
		if e.Field != "" {
			msg = fmt.Sprintf("trường %q: %s", e.Field, e.Msg)
			if en != "" {
				en = fmt.Sprintf("field %q: %s", e.Field, e.MsgEN)
			}
		}
		out = append(out, Finding{File: e.File, Pos: e.Pos, Sheet: e.Sheet, Cell: e.Cell, Severity: Error, Rule: e.Rule, Msg: msg, MsgEN: en})
	}
	return out
}

// Document runs every rule on a parsed document; the dated rules apply at
// the document's date (today for a document without one).
func Document(doc *vanban.Document) []Finding {
	return DocumentWith(doc, Options{})
}

// DocumentWith runs every rule, the dated ones at the date opts give
// (check/reorg.go).
func DocumentWith(doc *vanban.Document, opts Options) []Finding {
	r := &reporter{doc: doc, dated: opts.dated(doc)}
	for _, rule := range append(Rules[:len(Rules):len(Rules)], DatedRules...) {
		r.rule = rule
		rule.check(doc, r)
	}
	sort.SliceStable(r.found, func(i, j int) bool {
		a, b := r.found[i].Pos, r.found[j].Pos
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return r.found
}

// Rule is one style rule.
type Rule struct {
	ID    string
	Spec  string
	check func(*vanban.Document, *reporter)
}

type reporter struct {
	doc   *vanban.Document
	rule  Rule
	found []Finding
	dated *dated // the day the dated rules apply at
}

func (r *reporter) warn(p vanban.Pos, vi, en string) {
	r.found = append(r.found, Finding{File: r.doc.File, Pos: p, Severity: Warning, Rule: r.rule.ID, Spec: r.rule.Spec, Msg: vi, MsgEN: en})
}

// Strict turns warnings into errors (vanban check --strict).
func Strict(fs []Finding) []Finding {
	out := make([]Finding, len(fs))
	for i, f := range fs {
		f.Severity = Error
		out[i] = f
	}
	return out
}

// HasErrors reports whether any finding is an error.
func HasErrors(fs []Finding) bool {
	for _, f := range fs {
		if f.Severity == Error {
			return true
		}
	}
	return false
}

// bodyTexts yields the texts a rule that reads prose looks at: the body
// paragraphs (with their positions), recipients and Nơi nhận entries.
func bodyTexts(doc *vanban.Document, visit func(text string, at func(off int) vanban.Pos)) {
	for i := range doc.Body {
		p := &doc.Body[i]
		visit(p.Source, p.PosAt)
	}
	for i, s := range doc.Recipients {
		p := doc.PosOf(fmt.Sprintf("recipients[%d]", i))
		if len(doc.Recipients) == 1 {
			if q, ok := doc.Positions["recipients"]; ok {
				p = q
			}
		}
		visit(s, func(int) vanban.Pos { return p })
	}
	for i, s := range doc.CC {
		p := doc.PosOf(fmt.Sprintf("cc[%d]", i))
		visit(s, func(int) vanban.Pos { return p })
	}
}

func lower(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

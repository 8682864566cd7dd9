package vanban

import (
	"slices"
	"testing"
)

// Every top-level field is in fieldOrder, which the schema and the type
// checks walk.
func TestFieldOrderHasEveryField(t *testing.T) {
	d := &decoder{}
	for _, f := range d.documentFields(&Document{}, &laterNodes{}) {
		if !slices.Contains(fieldOrder, f.name) {
			t.Errorf("field %s is not in fieldOrder", f.name)
		}
	}
}

// Articles, the body and the issued document's text are one list of prose in
// reading order; each article and the issued document see their own part.
func TestProseInReadingOrder(t *testing.T) {
	doc, err := ParseFile("examples/quyet-dinh-ban-hanh-quy-che.yaml")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, a := range doc.Articles {
		n += len(a.Body)
	}
	if n+len(doc.Issues.Body) != len(doc.Body) || &doc.Articles[0].Body[0] != &doc.Body[0] || &doc.Issues.Body[0] != &doc.Body[n] {
		t.Errorf("articles %d + issued %d paragraphs, body %d", n, len(doc.Issues.Body), len(doc.Body))
	}
	if doc.Issues.Body[0].Kind != PartParagraph || doc.Issues.Body[1].Kind != PartTitleParagraph || doc.Issues.Body[2].Kind != ArticleParagraph || ArticleNumber(doc.Issues.Body[2].Source) != 1 {
		t.Errorf("issued body kinds %v %v %v", doc.Issues.Body[0].Kind, doc.Issues.Body[1].Kind, doc.Issues.Body[2].Kind)
	}
	if p := doc.PosOf("articles[1]"); p.Line != 21 {
		t.Errorf("articles[1] at %v", p)
	}
}

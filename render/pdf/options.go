package pdf

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vanban-vn/vanban/layout"
)

// Options add file-level objects to the PDF, around pages that stay as
// Write lays them out: empty signature fields where the signatures go
// (an AcroForm), and what makes the file PDF/A-2b (pdfa.go). The zero
// Options write exactly Write's bytes.
type Options struct {
	// Fields returns the empty signature fields to add, given where every
	// block landed. It is called once, after the last page: the fields
	// follow from the pagination the pages show. nil: no fields, no
	// AcroForm.
	Fields func(*Placement) []Field
	// PDFA makes the file PDF/A-2b (ISO 19005-2, level B): XMP metadata
	// matching the information dictionary and declaring pdfaid:part 2,
	// conformance B, an sRGB output intent with its ICC profile embedded,
	// and the document's language. Fonts are always embedded, the file
	// never encrypted and its trailer always has an /ID.
	PDFA bool
}

// Field is an empty signature field: a signature-field widget on a page
// that a signing tool fills (ISO 32000-1 §12.7.4.5). Its appearance is
// empty: what the page shows there — the signature and seal images — is
// page content, and signing changes nothing a reader sees.
type Field struct {
	Name  string // the partial field name (/T), without periods: "NguoiKy"
	Label string // the name shown to the user (/TU): "Chữ ký số của người có thẩm quyền"
	Rect  Rect   // where it is, in PDF user space
}

// fileExtras writes what Options add.
type fileExtras struct {
	opts  Options
	pages []string // the pages' dictionaries without their closing ">>", when they wait for the fields
}

func newFileExtras(opts Options) *fileExtras { return &fileExtras{opts: opts} }

// page writes the page object num, whose dictionary is dict without its
// closing ">>"; with fields to place, it waits for them (finish), since
// which page holds a field is known only when all are laid out.
func (x *fileExtras) page(out *objectWriter, num int, dict string) {
	if x.opts.Fields == nil {
		out.object(num, dict+">>")
		return
	}
	x.pages = append(x.pages, dict)
}

// finish writes the pages that waited, the fields, the AcroForm and the
// PDF/A objects, numbered from *next, and returns the catalog's entries
// for them (each with a leading space).
func (x *fileExtras) finish(out *objectWriter, next *int, pl *Placement, pageNums []int, info layout.Info) string {
	var catalog strings.Builder
	if x.opts.Fields != nil {
		fields := x.opts.Fields(pl)
		annots := make([][]int, len(pageNums))
		var refs []string
		for _, f := range fields {
			if f.Rect.Page < 1 || f.Rect.Page > len(pageNums) {
				if out.err == nil {
					out.err = fmt.Errorf("signature field %q on page %d of %d", f.Name, f.Rect.Page, len(pageNums))
				}
				continue
			}
			widget, ap := *next, *next+1
			*next += 2
			r := f.Rect
			// Print (4) set, hidden, invisible and no-view clear: what
			// PDF/A asks of every annotation (ISO 19005-2 §6.3.2).
			dict := fmt.Sprintf("<</Type /Annot /Subtype /Widget /FT /Sig /T %s", literalString(f.Name))
			if f.Label != "" {
				dict += " /TU " + textString(f.Label)
			}
			dict += fmt.Sprintf(" /F 4 /P %d 0 R /Rect [%s %s %s %s] /AP <</N %d 0 R>>>>",
				pageNums[r.Page-1], decimal(r.X), decimal(r.Y), decimal(r.Right()), decimal(r.Top()), ap)
			out.object(widget, dict)
			// An empty appearance: the field shows nothing of its own.
			out.stream(ap, fmt.Sprintf(" /Type /XObject /Subtype /Form /BBox [0 0 %s %s]", decimal(r.Width), decimal(r.Height)), nil)
			annots[r.Page-1] = append(annots[r.Page-1], widget)
			refs = append(refs, strconv.Itoa(widget)+" 0 R")
		}
		for i, dict := range x.pages {
			if len(annots[i]) > 0 {
				dict += " /Annots ["
				for k, a := range annots[i] {
					if k > 0 {
						dict += " "
					}
					dict += strconv.Itoa(a) + " 0 R"
				}
				dict += "]"
			}
			out.object(pageNums[i], dict+">>")
		}
		if len(refs) > 0 {
			form := *next
			*next++
			// No /SigFlags yet: it is the signing tool's to set (3,
			// SignaturesExist and AppendOnly) when it signs.
			out.object(form, "<</Fields ["+strings.Join(refs, " ")+"]>>")
			fmt.Fprintf(&catalog, " /AcroForm %d 0 R", form)
		}
	}
	if x.opts.PDFA {
		catalog.WriteString(writePDFA(out, next, info))
	}
	return catalog.String()
}

// literalString is a PDF literal string of s, escaped (ISO 32000-1
// §7.3.4.2); for ASCII text such as a field name.
func literalString(s string) string {
	var b strings.Builder
	b.WriteByte('(')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '(', ')', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\r':
			b.WriteString(`\r`)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(')')
	return b.String()
}

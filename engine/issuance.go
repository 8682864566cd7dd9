package engine

import (
	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/render/pdf"
	"github.com/vanban-vn/vanban/sign"
)

// pdfOptions are the PDF's file-level additions for electronic issuance:
// the empty signature fields (Options.SignReady) and PDF/A-2b
// (Options.PDFA). Without either the PDF is the plain one, byte for byte.
func pdfOptions(doc *vanban.Document, ld *layout.Document, opts Options) pdf.Options {
	o := pdf.Options{PDFA: opts.PDFA}
	if opts.SignReady {
		o.Fields = sign.Fields(doc, ld)
	}
	return o
}

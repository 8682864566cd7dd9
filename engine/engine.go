// Package engine is vanban's one entry point, shared by the command, a
// server and the tests: a document in, its DOCX, PDF and XLSX form out
// (Render, RenderFiles), and returned forms in, the consolidated appendix
// out (Merge). Every run writes all its outputs or none: each goes to a
// temporary file that is renamed into place only when all are complete,
// and a failure or a cancelled context leaves the previous outputs as they
// were and no temporary file behind.
//
//	res, err := engine.RenderFiles(ctx, []string{"cong-van.yaml"}, engine.Options{Fonts: fs})
package engine

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/form"
	"github.com/vanban-vn/vanban/layout"
	"github.com/vanban-vn/vanban/render/docx"
	"github.com/vanban-vn/vanban/render/pdf"
	"github.com/vanban-vn/vanban/templates"
)

// Format is an output format.
type Format string

const (
	DOCX Format = "docx"
	PDF  Format = "pdf"
	XLSX Format = "xlsx" // the appendix form: only for documents with an appendix
)

// AllFormats are the formats in the order they are written.
var AllFormats = []Format{DOCX, PDF, XLSX}

// Formats says which formats to write. A format named explicitly must
// apply to the document (an XLSX form needs an appendix); one brought in by
// "all" is left out where it does not apply.
type Formats map[Format]bool // format → named explicitly

// ParseFormats reads a comma-separated list: docx, pdf, xlsx, all.
func ParseFormats(list string) (Formats, error) {
	selected := Formats{}
	for _, f := range strings.Split(list, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "all" {
			for _, w := range AllFormats {
				if _, named := selected[w]; !named {
					selected[w] = false
				}
			}
			continue
		}
		known := false
		for _, w := range AllFormats {
			known = known || string(w) == f
		}
		if !known {
			return nil, &vanban.Error{Rule: "usage", Msg: fmt.Sprintf("định dạng %q không hợp lệ; dùng docx, pdf, xlsx hoặc all", f), MsgEN: fmt.Sprintf("format %q is not valid; use docx, pdf, xlsx or all", f)}
		}
		selected[Format(f)] = true
	}
	return selected, nil
}

// Options say what to render and with what.
type Options struct {
	Formats Formats    // nil: all that apply
	Fonts   *fonts.Set // the faces the PDF embeds and text is measured with; nil: the embedded Liberation Serif
	// SignReady gives the PDF empty signature fields where Decree 30 puts
	// the signer's and the agency's digital signatures (sign.Fields), for
	// signing tools that fill fields; `vanban sign` fills them.
	SignReady bool
	// PDFA makes the PDF PDF/A-2b (XMP metadata, an sRGB output intent).
	PDFA bool
}

// Sink receives the outputs of a render, one writer per file name. After
// Render returns a cancellation error its writers may still be written to
// for a while, by the work it stopped waiting for: a sink drops them (as a
// batch of output files does, whose writes then fail) and does not reuse
// them. A writer that has a Finish method (a batch's file) is finished as
// soon as its format is written without error.
type Sink interface {
	Create(name string) (io.Writer, error)
}

// finisher is a sink's writer that can end its content before the others
// are written (outfile.File: synced and closed at once).
type finisher interface{ Finish() error }

// Render lays out doc and writes each selected format to sink as
// base.docx, base.pdf, base.xlsx. The document's rows_from forms and its
// images must have been read (form.ResolveRowsFrom, vanban.ReadImages; Load
// does both). The formats are produced side by side; a cancelled context
// returns at once with its error.
func Render(ctx context.Context, doc *vanban.Document, base string, opts Options, sink Sink) error {
	formats := opts.Formats
	if formats == nil {
		formats, _ = ParseFormats("all")
	}
	for _, a := range doc.Appendices {
		if a.RowsFrom != "" && a.Rows.Columns() == 0 { // never read: Rows built by a reader always have columns
			return fmt.Errorf("%s: rows_from %q chưa được đọc (form.ResolveRowsFrom)", doc.File, a.RowsFrom)
		}
	}
	for _, im := range doc.Images() {
		if im.PNG == nil {
			return fmt.Errorf("%s: hình ảnh %q chưa được đọc (vanban.ReadImages)", doc.File, im.Path)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if opts.Fonts == nil {
		fs, err := fonts.Default()
		if err != nil {
			return err
		}
		opts.Fonts = fs
	}
	type output struct {
		f   Format
		w   io.Writer
		err error
	}
	var outputs []*output
	needLayout := false
	for _, f := range AllFormats {
		explicit, selected := formats[f]
		if !selected {
			continue
		}
		if f == XLSX && len(doc.Appendices) == 0 {
			if explicit {
				return vanban.ErrorList{{File: doc.File, Rule: "format-xlsx", Msg: "không ghi được xlsx: văn bản không có phụ lục để làm biểu mẫu", MsgEN: "cannot write xlsx: the document has no appendix to make a form of"}}
			}
			continue
		}
		outputs = append(outputs, &output{f: f})
		needLayout = needLayout || f != XLSX
	}
	// Each format is written straight into its output as it is made, so
	// that no output is held whole in memory.
	for _, o := range outputs {
		w, err := sink.Create(base + "." + string(o.f))
		if err != nil {
			return err
		}
		o.w = w
	}
	// The work runs aside so that a cancelled context returns at once,
	// however long a 100,000-row layout takes; what it writes is the
	// sink's to discard (a batch removes its temporary files).
	done := make(chan error, 1)
	go func() {
		// A bug must not take down a server that renders for many people:
		// a panic in the work is this render's error, not the process's.
		defer func() {
			if r := recover(); r != nil {
				done <- internalError(doc.File, r)
			}
		}()
		var ld *layout.Document
		if needLayout {
			var err error
			if ld, err = templates.Build(doc, opts.Fonts); err != nil {
				done <- err
				return
			}
		}
		var wg sync.WaitGroup
		for _, o := range outputs {
			wg.Go(func() {
				defer func() {
					if r := recover(); r != nil {
						o.err = internalError(doc.File, r)
					}
				}()
				o.err = write(o.f, doc, ld, opts, o.w)
				// A sink's file that can be finished now is: its sync
				// overlaps the other formats' writing.
				if f, ok := o.w.(finisher); ok && o.err == nil {
					o.err = f.Finish()
				}
			})
		}
		wg.Wait()
		for _, o := range outputs {
			if o.err != nil {
				done <- fmt.Errorf("%s: %w", doc.File, o.err)
				return
			}
		}
		done <- nil
	}()
	select {
	case err := <-done:
		if err != nil {
			return err
		}
	case <-ctx.Done():
		return ctx.Err()
	}
	return ctx.Err()
}

// internalError reports a panic as an error naming the document: a bug in
// vanban, to report, never the user's fault.
func internalError(file string, r any) error {
	return vanban.ErrorList{{File: file, Rule: "internal",
		Msg:   fmt.Sprintf("lỗi nội bộ của vanban (hãy báo lỗi kèm tệp này): %v", r),
		MsgEN: fmt.Sprintf("internal error in vanban (please report it with this file): %v", r)}}
}

func write(f Format, doc *vanban.Document, ld *layout.Document, opts Options, w io.Writer) error {
	fs := opts.Fonts
	switch f {
	case DOCX:
		return docx.Write(w, ld)
	case PDF:
		_, err := pdf.WriteOptions(w, ld, fs, pdfOptions(doc, ld, opts))
		return err
	case XLSX:
		apps, err := templates.DescribeAppendices(doc)
		if err != nil {
			return err
		}
		return form.WriteXLSX(w, apps, fs)
	}
	return fmt.Errorf("định dạng %q không hợp lệ", f)
}

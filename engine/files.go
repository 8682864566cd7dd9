package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/check"
	"github.com/vanban-vn/vanban/fonts"
	"github.com/vanban-vn/vanban/form"
	"github.com/vanban-vn/vanban/internal/outfile"
)

// batchSink writes a render's outputs into a folder through a batch.
type batchSink struct {
	b   *outfile.Batch
	dir string
}

func (s batchSink) Create(name string) (io.Writer, error) {
	return s.b.Create(filepath.Join(s.dir, name))
}

// Result is what a run wrote and what the style rules found.
type Result struct {
	Written  []string        // the files written, in order
	Findings []check.Finding // Decree-30 style warnings: printed, not fatal
}

// RenderFiles renders every input file into outDir ("" : each input's own
// folder) as NAME.docx, NAME.pdf, NAME.xlsx. All or nothing: when any input
// is invalid or any output cannot be written, nothing is written, every
// problem of every input is returned, and earlier outputs stay as they
// were. Two inputs whose outputs would have the same name are an error.
func RenderFiles(ctx context.Context, files []string, outDir string, opts Options) (*Result, error) {
	if err := sameOutputs(files, outDir, ""); err != nil {
		return nil, err
	}
	batch := outfile.New()
	defer batch.Abort() // no-op once committed
	stop := context.AfterFunc(ctx, batch.Abort)
	defer stop()
	res := &Result{}
	var errs vanban.ErrorList
	for _, file := range files {
		doc, err := Load(ctx, file)
		if err == nil {
			// The style rules run beside the writers: nothing they find
			// changes the output, and a finding that stops the render (the
			// agency or signer names a unit that no longer existed on the
			// document's date) stops it before anything is committed.
			findings := make(chan []check.Finding, 1)
			go func() { findings <- Findings(doc, opts.Fonts) }()
			err = Render(ctx, doc, baseName(file), opts, batchSink{batch, outputDir(file, outDir)})
			found := <-findings
			res.Findings = append(res.Findings, found...)
			if refused := refusals(found); refused != nil {
				err = refused
			}
		}
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			errs = append(errs, asList(file, err)...)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if err := commit(ctx, batch); err != nil {
		return nil, err
	}
	res.Written = batch.Paths()
	return res, nil
}

// Findings are the style rules' warnings for a loaded document, with the
// characters no face of fs can draw (nil: the embedded faces).
func Findings(doc *vanban.Document, fs *fonts.Set) []check.Finding {
	return FindingsWith(doc, fs, check.Options{})
}

// FindingsWith is Findings with the rules' options: the date the dated rules
// apply at (vanban check --as-of).
func FindingsWith(doc *vanban.Document, fs *fonts.Set, opts check.Options) []check.Finding {
	found := append(check.DocumentWith(doc, opts), check.Glyphs(doc, fs)...)
	slices.SortStableFunc(found, func(a, b check.Finding) int {
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line - b.Pos.Line
		}
		return a.Pos.Column - b.Pos.Column
	})
	return found
}

// refusals are the findings of severity error as the errors of a run, in
// both languages, or nil.
func refusals(found []check.Finding) error {
	var errs vanban.ErrorList
	for _, f := range found {
		if f.Severity == check.Error {
			errs = append(errs, &vanban.Error{File: f.File, Pos: f.Pos, Rule: f.Rule,
				Msg: fmt.Sprintf("[%s] %s", f.Rule, f.Msg), MsgEN: fmt.Sprintf("[%s] %s", f.Rule, f.Message("en"))})
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// commit renames the batch's files into place, unless ctx was cancelled.
func commit(ctx context.Context, batch *outfile.Batch) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := batch.Commit(); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return vanban.ErrorList{{Rule: "file-write", File: firstPath(batch), Msg: errText(err), MsgEN: "cannot write the outputs (nothing was changed): " + errText(errors.New(outfile.English(err)))}}
	}
	return nil
}

func firstPath(b *outfile.Batch) string {
	if p := b.Paths(); len(p) > 0 {
		return p[0]
	}
	return ""
}

// Load parses a document file and reads the forms its appendices take
// their rows from (rows_from) and the signature and seal images it names,
// relative to its folder.
func Load(ctx context.Context, file string) (*vanban.Document, error) {
	doc, err := vanban.ParseFile(file)
	if err != nil {
		return nil, err
	}
	if err := form.ResolveRowsFromDir(ctx, doc); err != nil {
		return nil, err
	}
	if err := vanban.ReadImagesDir(doc); err != nil {
		return nil, err
	}
	return doc, nil
}

func baseName(file string) string {
	return strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
}

func outputDir(file, outDir string) string {
	if outDir != "" {
		return outDir
	}
	return filepath.Dir(file)
}

// sameOutputs refuses inputs whose outputs would overwrite each other.
func sameOutputs(files []string, outDir, suffix string) error {
	seen := map[string]string{}
	var errs vanban.ErrorList
	for _, f := range files {
		target, err := filepath.Abs(filepath.Join(outputDir(f, outDir), baseName(f)+suffix))
		if err != nil {
			target = filepath.Join(outputDir(f, outDir), baseName(f)+suffix)
		}
		if prev, dup := seen[target]; dup {
			errs = append(errs, &vanban.Error{Rule: "usage-same-name", File: f,
				Msg:   fmt.Sprintf("trùng tên với %s: cả hai sẽ ghi ra %s.*; hãy đổi tên một tệp hoặc dựng riêng vào thư mục khác (-o)", prev, target),
				MsgEN: fmt.Sprintf("same name as %s: both would be written as %s.*; rename one or render it separately into another folder (-o)", prev, target)})
			continue
		}
		seen[target] = f
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

func asList(file string, err error) vanban.ErrorList {
	var list vanban.ErrorList
	if errors.As(err, &list) {
		return list
	}
	var one *vanban.Error
	if errors.As(err, &one) {
		return vanban.ErrorList{one}
	}
	var out *outfile.Error
	if errors.As(err, &out) {
		return vanban.ErrorList{{File: file, Rule: "file-write", Msg: errText(err), MsgEN: errText(errors.New(outfile.English(err)))}}
	}
	return vanban.ErrorList{{File: file, Rule: "internal", Msg: errText(err), MsgEN: errText(err)}}
}

func errText(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

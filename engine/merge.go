package engine

import (
	"context"
	"path/filepath"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/check"
	"github.com/vanban-vn/vanban/form"
	"github.com/vanban-vn/vanban/internal/outfile"
)

// MergeOptions say what to consolidate into what.
type MergeOptions struct {
	Into      string   // the document (.yaml) whose appendix the forms fill
	Forms     []string // the returned forms: .xlsx, .csv or .yaml
	UnitsFile string   // the units expected to answer, or "": the recipients
	OutDir    string   // "": the folder of Into
	form.Options
	Render Options
}

// MergeResult is what a merge wrote and found.
type MergeResult struct {
	Written []string
	Report  *form.Report
}

// MergeSuffix ends the names of a merge's outputs: NAME-tong-hop.docx.
const MergeSuffix = "-tong-hop"

// Merge reads the returned forms, consolidates them into the document's
// appendix and writes NAME-tong-hop.docx, .pdf, .xlsx and .yaml — all four
// or none. Nothing is written unless every form reads, every cell is
// accounted for and the merged YAML reads back to the same rows and sums.
func Merge(ctx context.Context, opts MergeOptions) (*MergeResult, error) {
	src, err := vanban.ReadInput(opts.Into)
	if err != nil {
		return nil, err
	}
	doc, err := vanban.Parse(opts.Into, src)
	if err != nil {
		return nil, err
	}
	if err := form.ResolveRowsFromDir(ctx, doc); err != nil {
		return nil, err
	}
	if err := vanban.ReadImagesDir(doc); err != nil {
		return nil, err
	}
	if opts.Appendix < 0 || opts.Appendix >= len(doc.Appendices) {
		_, err := form.Merge(doc, src, nil, form.NewRoster(nil, nil), opts.Options) // says which appendices there are
		return nil, err
	}
	var units []vanban.Unit
	if opts.UnitsFile != "" {
		data, err := vanban.ReadInput(opts.UnitsFile)
		if err != nil {
			return nil, err
		}
		if units, err = vanban.ParseUnits(opts.UnitsFile, data); err != nil {
			return nil, err
		}
	}
	roster := form.NewRoster(units, doc.Recipients)
	spec := form.SpecOf(&doc.Appendices[opts.Appendix])
	forms, err := form.ReadReturned(ctx, opts.Forms, spec, roster)
	if err != nil {
		return nil, err
	}
	res, err := form.Merge(doc, src, forms, roster, opts.Options)
	if err != nil {
		return nil, err
	}
	outDir := opts.OutDir
	if outDir == "" {
		outDir = filepath.Dir(opts.Into)
	}
	base := baseName(opts.Into) + MergeSuffix
	batch := outfile.New()
	defer batch.Abort()
	stop := context.AfterFunc(ctx, batch.Abort)
	defer stop()
	// The style rules run beside the writers, and what stops a render
	// stops a merge: the consolidated document is one render would refuse
	// otherwise (an agency that no longer existed on its date).
	findings := make(chan []check.Finding, 1)
	go func() { findings <- Findings(res.Doc, opts.Render.Fonts) }()
	err = Render(ctx, res.Doc, base, opts.Render, batchSink{batch, outDir})
	found := <-findings
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, asList(opts.Into, err) // an output that cannot be made, in both languages
	}
	if refused := refusals(found); refused != nil {
		return nil, refused
	}
	if err := batch.WriteFile(filepath.Join(outDir, base+".yaml"), res.YAML); err != nil {
		return nil, asList(opts.Into, err)
	}
	if err := commit(ctx, batch); err != nil {
		return nil, err
	}
	return &MergeResult{Written: batch.Paths(), Report: res.Report}, nil
}

package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	vanban "github.com/vanban-vn/vanban"
	"github.com/vanban-vn/vanban/check"
	"github.com/vanban-vn/vanban/engine"
)

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("check", flag.ContinueOnError)
	fl.SetOutput(stderr)
	strict := fl.Bool("strict", false, "coi cảnh báo là lỗi")
	lang := fl.String("lang", "vi", "ngôn ngữ thông báo: vi hoặc en")
	format := fl.String("format", "text", "text, hoặc json cho công cụ khác đọc")
	asOf := fl.String("as-of", "", "kiểm tra tên đơn vị, cơ quan theo ngày YYYY-MM-DD thay cho ngày của văn bản (check names as of this date)")
	fl.Usage = func() {
		fmt.Fprint(fl.Output(), "Cách dùng: vanban check [--strict] [--lang vi|en] [--format text|json] [--as-of YYYY-MM-DD] TỆP.yaml...\n\n")
		fl.PrintDefaults()
	}
	files, code := parseArgs(fl, args)
	if code >= 0 {
		return code
	}
	if *lang != "vi" && *lang != "en" {
		fmt.Fprintf(fl.Output(), "vanban check: ngôn ngữ %q không hỗ trợ; dùng vi hoặc en\n", *lang)
		fl.Usage()
		return exitUsage
	}
	if len(files) == 0 || (*format != "text" && *format != "json") {
		fl.Usage()
		return exitUsage
	}
	var opts check.Options
	if *asOf != "" {
		day, err := time.Parse(time.DateOnly, *asOf)
		if err != nil {
			fmt.Fprintf(fl.Output(), "vanban check: --as-of %q: cần một ngày có thật dạng YYYY-MM-DD (expected a real date YYYY-MM-DD)\n", *asOf)
			return exitUsage
		}
		opts.AsOf = day
	}
	var all []check.Finding
	for _, f := range files {
		all = append(all, checkFile(ctx, f, opts)...)
	}
	if *strict {
		all = check.Strict(all)
	}
	if *format == "json" {
		type out struct {
			File     string `json:"file"`
			Line     int    `json:"line,omitempty"`
			Column   int    `json:"column,omitempty"`
			Sheet    string `json:"sheet,omitempty"`
			Cell     string `json:"cell,omitempty"`
			Severity string `json:"severity"`
			Rule     string `json:"rule"`
			Spec     string `json:"spec,omitempty"`
			Message  string `json:"message"`
		}
		list := make([]out, 0, len(all))
		for _, f := range all {
			sev := "warning"
			if f.Severity == check.Error {
				sev = "error"
			}
			list = append(list, out{f.File, f.Pos.Line, f.Pos.Column, f.Sheet, f.Cell, sev, f.Rule, f.Spec, f.Message(*lang)})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(list); err != nil {
			return exitInvalid
		}
	} else {
		for _, f := range all {
			fmt.Fprintln(stdout, f.Format(*lang))
		}
	}
	if check.HasErrors(all) {
		return exitInvalid
	}
	return exitOK
}

// checkFile parses a file and runs the style rules; a file that does not
// parse gives its errors.
func checkFile(ctx context.Context, file string, opts check.Options) []check.Finding {
	doc, err := engine.Load(ctx, file)
	if err != nil {
		var list vanban.ErrorList
		if errors.As(err, &list) {
			return check.FromErrors(list)
		}
		return []check.Finding{{File: file, Severity: check.Error, Rule: "input", Msg: err.Error()}}
	}
	return engine.FindingsWith(doc, nil, opts)
}

// Package testtool runs the real clients that tests check output with:
// LibreOffice (does the DOCX open and lay out?), poppler (what text and pages
// did it produce?) and the ECMA-376 schema validator (would Word open it
// without repair?). On a developer machine without them the tests skip; under
// CI (CI=true) a missing tool fails the test instead, so a green CI means the
// checks ran.
package testtool

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Require skips (or, under CI, fails) the test when a command is missing.
func Require(t testing.TB, commands ...string) {
	t.Helper()
	for _, c := range commands {
		if _, err := exec.LookPath(c); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is not installed; .ci/run must install it", c)
			}
			t.Skipf("%s is not installed", c)
		}
	}
}

// RepoRoot is the folder holding go.mod.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test's folder")
		}
		dir = parent
	}
}

// ValidateOOXML checks every part of each file against the ECMA-376 schemas
// with the repository's tools/ooxml-validate (schemas in tools/ooxml-xsd).
func ValidateOOXML(t testing.TB, files ...string) {
	t.Helper()
	Require(t, "xmllint", "python3")
	tool := filepath.Join(RepoRoot(t), "tools", "ooxml-validate")
	if _, err := os.Stat(tool); err != nil {
		// Part of the repository, so missing means a broken checkout: fail
		// everywhere rather than skip.
		t.Fatalf("schema validator missing: %v", err)
	}
	out, err := exec.Command("python3", append([]string{tool}, files...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("ooxml-validate: %v\n%s", err, out)
	}
}

// ConvertToPDF converts documents with headless LibreOffice (a private
// profile, so parallel runs do not collide) and returns the PDF paths.
func ConvertToPDF(t testing.TB, outDir string, files ...string) []string {
	t.Helper()
	out := ConvertTo(t, "pdf", outDir, files...)
	pdfs := make([]string, len(files))
	for i, f := range files {
		pdfs[i] = filepath.Join(outDir, strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))+".pdf")
		if _, err := os.Stat(pdfs[i]); err != nil {
			t.Fatalf("LibreOffice did not convert %s: %v\n%s", f, err, out)
		}
	}
	return pdfs
}

// ConvertTo converts files with headless LibreOffice to a target such as
// "pdf" or a CSV filter string, and returns what soffice printed.
func ConvertTo(t testing.TB, target, outDir string, files ...string) []byte {
	t.Helper()
	Require(t, "soffice")
	profile := "file://" + filepath.Join(t.TempDir(), "lo-profile")
	args := append([]string{"-env:UserInstallation=" + profile, "--headless", "--convert-to", target, "--outdir", outDir}, files...)
	out, err := exec.Command("soffice", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	return out
}

// Output runs a command and returns its standard output.
func Output(t testing.TB, name string, args ...string) string {
	t.Helper()
	Require(t, name)
	var stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, stderr.String())
	}
	return string(out)
}

// PageTexts returns the text of each page of a PDF (pdftotext -layout).
func PageTexts(t testing.TB, pdf string) []string {
	t.Helper()
	all := Output(t, "pdftotext", "-layout", pdf, "-")
	pages := strings.Split(all, "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

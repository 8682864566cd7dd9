package form

// WithPart lets the external tests rewrite a part of a workbook, as the
// internal ones do.
var WithPart = withPart

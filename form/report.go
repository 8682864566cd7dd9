package form

import (
	"fmt"
	"strings"

	vanban "github.com/vanban-vn/vanban"
)

// Text is the report as the command prints it, in Vietnamese ("vi") or
// English ("en"): where each file's rows came from, who has not answered,
// what to look at, and the accounting of rows and sums read against rows
// and sums written.
func (r *Report) Text(lang string) string {
	en := lang == "en"
	tr := func(vi, e string) string {
		if en {
			return e
		}
		return vi
	}
	var b strings.Builder
	fmt.Fprintf(&b, tr("Đã tổng hợp %d tệp, %d dòng:\n", "Consolidated %d files, %d rows:\n"), len(r.Files), r.Out.Rows)
	if r.Own > 0 {
		fmt.Fprintf(&b, tr("  dòng có sẵn của phụ lục (%s): %d dòng\n", "  the appendix's own rows (%s): %d rows\n"), r.OwnUnit, r.Own)
	}
	for _, f := range r.Files {
		where := f.Path
		if f.Sheet != "" {
			where += tr(", trang tính ", ", sheet ") + f.Sheet
		}
		fmt.Fprintf(&b, tr("  %s (%s): %d dòng", "  %s (%s): %d rows"), where, f.Unit, f.Count.Rows)
		if f.Count.Rows == 0 {
			b.WriteString(tr(" — tệp không có dòng số liệu nào", " — the file has no filled rows"))
		}
		b.WriteByte('\n')
		for _, same := range f.Same {
			fmt.Fprintf(&b, tr("    %s: cùng nội dung với tệp trên, chỉ tính một lần\n", "    %s: the same bytes as the file above, counted once\n"), same)
		}
		if f.Replaced != "" {
			fmt.Fprintf(&b, tr("    thay cho %s (--replace)\n", "    replaces %s (--replace)\n"), f.Replaced)
		}
	}
	if len(r.Missing) > 0 {
		fmt.Fprintf(&b, tr("Chưa gửi: %s\n", "Not yet sent: %s\n"), strings.Join(r.Missing, "; "))
	} else {
		b.WriteString(tr("Các đơn vị đều đã gửi.\n", "Every unit has sent its form.\n"))
	}
	if len(r.Unexpected) > 0 {
		fmt.Fprintf(&b, tr("Đơn vị không có trong danh sách: %s\n", "Units not on the list: %s\n"), strings.Join(r.Unexpected, "; "))
	}
	for _, c := range r.Conflicts {
		var parts []string
		for i, u := range c.Units {
			parts = append(parts, u+": "+c.Scores[i])
		}
		fmt.Fprintf(&b, tr("Tiêu chí %s có điểm khác nhau giữa các đơn vị (giữ cả hai): %s\n", "Criterion %s has different scores from different units (both kept): %s\n"), c.Criterion, strings.Join(parts, " | "))
	}
	fmt.Fprintf(&b, tr("Kiểm tra: %d dòng vào = %d dòng ra; tổng điểm: %s\n", "Check: %d rows in = %d rows out; score sums: %s\n"), r.In.Rows, r.Out.Rows, r.sums())
	return b.String()
}

// sums lists the score columns' sums as read (equal to those written, or
// the merge would have failed).
func (r *Report) sums() string {
	var parts []string
	for j, title := range r.Columns {
		if j < len(r.scoreCols) && r.scoreCols[j] {
			parts = append(parts, title+" = "+r.In.Sums[j].String())
		}
	}
	return strings.Join(parts, "; ")
}

func scoreColumns(cols []vanban.Column) []bool {
	out := make([]bool, len(cols))
	for j, c := range cols {
		out[j] = c.Kind == vanban.ScoreColumn
	}
	return out
}

package form

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode/utf8"

	vanban "github.com/vanban-vn/vanban"
)

// MaxFileBytes is the largest returned form read (XLSX or CSV): room for a
// form of vanban.MaxRows rows with long texts. An XLSX is read as a stream,
// so this bounds disk reads, not memory.
const MaxFileBytes = 64 << 20

// ReadFile reads a returned form from disk: an .xlsx workbook or a UTF-8
// .csv file (a .yaml form is a document: see ReadYAMLForm). Anything but a
// regular file — a FIFO, a device, a folder — is refused by its mode before
// it is opened, since opening a FIFO waits for a writer that never comes.
func ReadFile(name string, spec Spec) (*Table, error) {
	if err := checkKind(name); err != nil {
		return nil, err
	}
	f, size, err := openRegular(name, func() (fs.FileInfo, error) { return os.Stat(name) }, func() (fs.File, error) { return os.Open(name) })
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return read(name, f, size, spec)
}

// ReadFS reads a returned form named by a slash-separated path in fsys,
// with the same rules as ReadFile. Messages name the file as display.
func ReadFS(fsys fs.FS, name, display string, spec Spec) (*Table, error) {
	if err := checkKind(display); err != nil {
		return nil, err
	}
	f, size, err := openRegular(display, func() (fs.FileInfo, error) { return fs.Stat(fsys, name) }, func() (fs.File, error) { return fsys.Open(name) })
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return read(display, f, size, spec)
}

// openRegular opens a regular file no larger than MaxFileBytes.
func openRegular(name string, stat func() (fs.FileInfo, error), open func() (fs.File, error)) (fs.File, int64, error) {
	info, err := stat()
	if err != nil {
		return nil, 0, ReadError(name, err)
	}
	if err := CheckRegular(name, info); err != nil {
		return nil, 0, err
	}
	if info.Size() > MaxFileBytes {
		return nil, 0, fileError(name, "limit-size", fmt.Sprintf("tệp lớn %d MB, vượt giới hạn %d MB", info.Size()>>20, MaxFileBytes>>20), fmt.Sprintf("the file is %d MB, over the %d MB limit", info.Size()>>20, MaxFileBytes>>20))
	}
	f, err := open()
	if err != nil {
		return nil, 0, ReadError(name, err)
	}
	return f, info.Size(), nil
}

// CheckRegular refuses what is not a regular file, by its mode.
func CheckRegular(name string, info fs.FileInfo) error {
	if info.Mode().IsRegular() {
		return nil
	}
	what, whatEN := "một thư mục", "a folder"
	switch m := info.Mode(); {
	case m&fs.ModeNamedPipe != 0:
		what, whatEN = "một đường ống (FIFO)", "a pipe (FIFO)"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		what, whatEN = "một thiết bị", "a device"
	case m&fs.ModeSocket != 0:
		what, whatEN = "một socket", "a socket"
	case !m.IsDir():
		what, whatEN = "không phải tệp thường", "not a regular file"
	}
	return fileError(name, "file-read", "không đọc được tệp: đây là "+what+", không phải tệp thường", "cannot read the file: this is "+whatEN+", not a regular file")
}

// ReadError is a file that cannot be read, as an error list.
func ReadError(name string, err error) vanban.ErrorList {
	why, whyEN := errText(err), errText(err)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		why, whyEN = "tệp không tồn tại", "the file does not exist"
	case errors.Is(err, fs.ErrPermission):
		why, whyEN = "không có quyền đọc", "no permission to read it"
	}
	return fileError(name, "file-read", "không đọc được tệp: "+why, "cannot read the file: "+whyEN)
}

// Read reads a returned form from its content; name gives its kind (.xlsx,
// .xlsm, .csv) and is used in messages.
func Read(name string, data []byte, spec Spec) (*Table, error) {
	if len(data) > MaxFileBytes {
		return nil, fileError(name, "limit-size", fmt.Sprintf("tệp vượt giới hạn %d MB", MaxFileBytes>>20), fmt.Sprintf("the file is over the %d MB limit", MaxFileBytes>>20))
	}
	return read(name, bytes.NewReader(data), int64(len(data)), spec)
}

// checkKind refuses a file whose name says it is not a form vanban reads.
func checkKind(name string) error {
	switch strings.ToLower(path.Ext(filepath.ToSlash(name))) {
	case ".csv", ".xlsx", ".xlsm":
		return nil
	}
	return fileError(name, "table-form", "cần tệp .xlsx hoặc .csv (UTF-8)", "expected an .xlsx or UTF-8 .csv file")
}

func read(name string, f io.Reader, size int64, spec Spec) (*Table, error) {
	switch strings.ToLower(path.Ext(filepath.ToSlash(name))) {
	case ".csv":
		return readCSV(name, f, spec)
	case ".xlsx", ".xlsm":
		ra, ok := f.(io.ReaderAt)
		if !ok { // a file system whose files cannot seek: hold the bytes
			data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
			if err != nil {
				return nil, ReadError(name, err)
			}
			ra, size = bytes.NewReader(data), int64(len(data))
		}
		return readXLSX(name, ra, size, spec)
	}
	return nil, fileError(name, "table-form", "cần tệp .xlsx hoặc .csv (UTF-8)", "expected an .xlsx or UTF-8 .csv file")
}

// readCSV reads a UTF-8 CSV form, as a stream. Positions are line:column.
func readCSV(name string, f io.Reader, spec Spec) (*Table, error) {
	br := bufio.NewReaderSize(f, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	r := csv.NewReader(br)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	tr := newTableReader(spec, name, "")
	var cells []srcCell
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, vanban.ErrorList{{Rule: "table-form", File: name, Pos: vanban.Pos{Line: pe.Line, Column: max(pe.Column, 1)}, Msg: "lỗi cú pháp CSV: " + errText(pe.Err), MsgEN: "CSV syntax error: " + errText(pe.Err)}}
			}
			return nil, ReadError(name, err)
		}
		cells = cells[:0]
		// FieldPos counts bytes; messages count characters, as the YAML
		// errors do. Delimiters and quotes are ASCII, so the difference on
		// a line is what the fields before it hold beyond one byte a letter.
		excessLine, excess := 0, 0
		for i, v := range rec {
			line, col := r.FieldPos(i)
			if line != excessLine {
				excessLine, excess = line, 0
			}
			col -= excess
			excess += len(v) - utf8.RuneCountInString(v)
			if v == "" {
				continue
			}
			if !utf8.ValidString(v) {
				bad := 0 // where the first invalid byte is
				for i := range v {
					if r, n := utf8.DecodeRuneInString(v[i:]); r == utf8.RuneError && n == 1 {
						bad = i
						break
					}
				}
				col += utf8.RuneCountInString(v[:bad])
				return nil, vanban.ErrorList{{Rule: "file-encoding", File: name, Pos: vanban.Pos{Line: line, Column: col}, Msg: "tệp CSV không phải UTF-8 hợp lệ (hãy lưu với mã hóa UTF-8)", MsgEN: "the CSV file is not valid UTF-8 (save it as UTF-8)"}}
			}
			cells = append(cells, srcCell{col: i, value: v, pos: vanban.Pos{Line: line, Column: col}})
		}
		if len(cells) > 0 && !tr.row(cells) {
			break
		}
	}
	if tr.state == beforeHeader {
		return nil, vanban.ErrorList{tr.notAForm()}
	}
	return tr.finish()
}

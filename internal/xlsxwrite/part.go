package xlsxwrite

import (
	"archive/zip"
	"encoding/binary"
	"hash/crc32"
	"time"
)

// partBuffer is how much of a part is held before it goes to the zip.
//
// A part that ends within it — every part but the sheets, and the sheet of
// a form of a few dozen rows — is stored uncompressed: setting up a
// compressor costs about a megabyte of tables, which a fresh process pays
// for in page faults (measured: 0.3–0.4 ms of the 0.5 ms a 40-row workbook
// took), for a file of some tens of kilobytes either way. A longer part is
// deflated as it streams, so a sheet of 100,000 rows is a few megabytes,
// not fifty.
const partBuffer = 64 << 10

// zipEpoch is every part's modification time, so that output does not
// depend on the clock (as in render/docx).
func zipEpoch() time.Time { return time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC) }

// startPart begins the part name; write and endPart fill and finish it.
func (w *Writer) startPart(name string) {
	if w.pending == nil {
		w.pending = make([]byte, 0, partBuffer)
	}
	w.part, w.pending, w.entry = name, w.pending[:0], nil
}

// write adds b to the part, sending what is held to a deflated zip entry
// once the part outgrows partBuffer. An error is the writer's from then on.
func (w *Writer) write(b []byte) error {
	if len(w.pending)+len(b) <= partBuffer {
		w.pending = append(w.pending, b...)
		return nil
	}
	if w.entry == nil {
		e, err := w.z.CreateHeader(&zip.FileHeader{Name: w.part, Method: zip.Deflate, Modified: zipEpoch()})
		if err != nil {
			return w.fail(w.part, err)
		}
		w.entry = e
	}
	if _, err := w.entry.Write(w.pending); err != nil {
		return w.fail(w.part, err)
	}
	w.pending = w.pending[:0]
	if len(b) > partBuffer {
		if _, err := w.entry.Write(b); err != nil {
			return w.fail(w.part, err)
		}
		return nil
	}
	w.pending = append(w.pending, b...)
	return nil
}

// endPart finishes the part: the rest of a deflated one, or the whole of a
// short one, stored with its size and checksum in the local header (no
// data descriptor, which streaming zip readers refuse after a stored entry).
func (w *Writer) endPart() error {
	if w.entry != nil {
		if _, err := w.entry.Write(w.pending); err != nil {
			return w.fail(w.part, err)
		}
		w.entry = nil
		return nil
	}
	n := uint64(len(w.pending))
	// The "extended timestamp" extra field, as CreateHeader writes it for a
	// Modified time, so that stored and deflated parts read back alike.
	extra := make([]byte, 9)
	binary.LittleEndian.PutUint16(extra, 0x5455)
	binary.LittleEndian.PutUint16(extra[2:], 5)
	extra[4] = 1
	binary.LittleEndian.PutUint32(extra[5:], uint32(zipEpoch().Unix()))
	fh := &zip.FileHeader{
		Name: w.part, Method: zip.Store, CRC32: crc32.ChecksumIEEE(w.pending),
		CompressedSize64: n, UncompressedSize64: n,
		CreatorVersion: 20, ReaderVersion: 20, Extra: extra,
		ModifiedDate: 1<<5 | 1, // 1980-01-01, in MS-DOS form
	}
	e, err := w.z.CreateRaw(fh)
	if err == nil {
		_, err = e.Write(w.pending)
	}
	if err != nil {
		return w.fail(w.part, err)
	}
	return nil
}

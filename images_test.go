package vanban

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// signedMinimal is minimal with a seal (lines 6–7) and a signature image
// (line 21).
var signedMinimal = strings.Replace(strings.Replace(minimal,
	"  name_in_text: Sở Nội vụ\n", "  name_in_text: Sở Nội vụ\n  seal_image: anh/dau.png\n  seal_mm: 40\n", 1),
	"  name: Lê Minh Đạo\n", "  name: Lê Minh Đạo\n  signature_image: anh/chu-ky.png\n", 1)

func tinyPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewNRGBA(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The image fields: paths relative to the YAML's folder, the seal's real
// diameter, and each file read through a file system as rows_from is.
func TestImageFields(t *testing.T) {
	doc, err := Parse("t.yaml", []byte(signedMinimal))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Signer.Image == nil || doc.Signer.Image.Path != "anh/chu-ky.png" || doc.Signer.Image.Pos != (Pos{21, 20}) ||
		doc.Agency.Seal == nil || doc.Agency.Seal.Path != "anh/dau.png" || doc.Agency.SealMM != 40 {
		t.Fatalf("signer %+v, agency %+v", doc.Signer.Image, doc.Agency)
	}
	if doc.ImagesRead() || len(doc.Images()) != 2 {
		t.Errorf("images %v read before ReadImages", doc.Images())
	}
	fsys := fstest.MapFS{"anh/chu-ky.png": {Data: tinyPNG(t, 30, 10)}, "anh/dau.png": {Data: tinyPNG(t, 20, 20)}}
	if err := ReadImages(doc, fsys, "."); err != nil {
		t.Fatal(err)
	}
	if !doc.ImagesRead() || doc.Signer.Image.Width != 30 || doc.Signer.Image.Height != 10 || doc.Agency.Seal.Width != 20 {
		t.Errorf("read: %+v %+v", doc.Signer.Image, doc.Agency.Seal)
	}

	// Problems with the file are placed where the YAML names it.
	fsys = fstest.MapFS{"anh/dau.png": {Data: []byte("GIF89a not a png")}}
	doc, _ = Parse("t.yaml", []byte(signedMinimal))
	err = ReadImages(doc, fsys, "thu-muc")
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("err = %v, want two errors", err)
	}
	for _, want := range []string{
		`t.yaml:6:15: trường "agency.seal_image": anh/dau.png: không đọc được ảnh PNG`,
		`t.yaml:21:20: trường "signer.signature_image": anh/chu-ky.png: tệp không tồn tại (đường dẫn tính từ thư mục thu-muc)`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors:\n%s\nwant %q", err, want)
		}
	}
	if en := list[1].Format("en"); !strings.Contains(en, "the file does not exist") {
		t.Errorf("English: %s", en)
	}

	// From the YAML file's folder, which a symbolic link may not leave.
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "anh"), 0o755)
	os.WriteFile(filepath.Join(dir, "anh", "chu-ky.png"), tinyPNG(t, 30, 10), 0o644)
	outside := filepath.Join(t.TempDir(), "dau.png")
	os.WriteFile(outside, tinyPNG(t, 20, 20), 0o644)
	if err := os.Symlink(outside, filepath.Join(dir, "anh", "dau.png")); err != nil {
		t.Skip(err)
	}
	doc, _ = Parse(filepath.Join(dir, "t.yaml"), []byte(signedMinimal))
	err = ReadImagesDir(doc)
	if err == nil || !strings.Contains(err.Error(), "anh/dau.png") || doc.Signer.Image.PNG == nil {
		t.Errorf("a seal outside the folder: err %v, signature read %v", err, doc.Signer.Image.PNG != nil)
	}
}

func TestImageFieldErrors(t *testing.T) {
	tests := []struct {
		name     string
		from, to string
		want     string
		msg      string
	}{
		{"outside the folder", "signature_image: anh/chu-ky.png", "signature_image: ../chu-ky.png", "t.yaml:21:20:", "ra ngoài thư mục của tệp YAML"},
		{"absolute", "signature_image: anh/chu-ky.png", "signature_image: /tmp/chu-ky.png", "t.yaml:21:20:", "ra ngoài thư mục"},
		{"not a PNG", "seal_image: anh/dau.png", "seal_image: anh/dau.jpg", "t.yaml:6:15:", "phải là tệp PNG"},
		{"empty", "signature_image: anh/chu-ky.png", "signature_image: ''", "t.yaml:21:20:", "cần đường dẫn tệp .png"},
		{"seal without diameter", "  seal_mm: 40\n", "", "t.yaml:3:3:", `"agency.seal_mm": cần đường kính thật của con dấu`},
		{"diameter too small", "seal_mm: 40", "seal_mm: 4", "t.yaml:7:12:", "từ 20 đến 60"},
		{"diameter not a number", "seal_mm: 40", "seal_mm: bốn mươi", "t.yaml:7:12:", "cần đường kính con dấu tính bằng mm"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(signedMinimal, tt.from) {
				t.Fatalf("test input lacks %q", tt.from)
			}
			_, err := Parse("t.yaml", []byte(strings.Replace(signedMinimal, tt.from, tt.to, 1)))
			var list ErrorList
			if !errors.As(err, &list) || len(list) != 1 {
				t.Fatalf("err = %v, want one error", err)
			}
			if got := list[0].Error(); !strings.HasPrefix(got, tt.want) || !strings.Contains(got, tt.msg) || list[0].MsgEN == "" {
				t.Errorf("error %q, want prefix %q and %q, in English too", got, tt.want, tt.msg)
			}
		})
	}
	// A decimal diameter, with a comma as the document writes it.
	doc, err := Parse("t.yaml", []byte(strings.Replace(signedMinimal, "seal_mm: 40", "seal_mm: '40,5'", 1)))
	if err != nil || doc.Agency.SealMM != 40.5 {
		t.Errorf("seal_mm 40,5: %v, %v", doc, err)
	}
}

// pngHeader is the start of a PNG that claims w×h pixels: signature and
// header chunk, which is all png.DecodeConfig reads.
func pngHeader(w, h uint32) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 6, 0, 0, 0) // 8-bit RGBA
	chunk := append([]byte("IHDR"), ihdr...)
	b := append([]byte("\x89PNG\r\n\x1a\n"), binary.BigEndian.AppendUint32(nil, uint32(len(ihdr)))...)
	b = append(b, chunk...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(chunk))
}

// An image claiming more pixels than the limit is refused from its header,
// before a decompression bomb is decoded, at the field that names it.
func TestImageTooManyPixels(t *testing.T) {
	doc, err := Parse("t.yaml", []byte(signedMinimal))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"anh/chu-ky.png": {Data: tinyPNG(t, 30, 10)}, "anh/dau.png": {Data: pngHeader(20000, 20000)}}
	err = ReadImages(doc, fsys, ".")
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 1 {
		t.Fatalf("err = %v, want one error", err)
	}
	if got := list[0].Error(); !strings.HasPrefix(got, "t.yaml:6:15:") || !strings.Contains(got, "ảnh 20000×20000 điểm ảnh, vượt giới hạn 25 triệu") ||
		!strings.Contains(list[0].Format("en"), "over the 25-megapixel limit") {
		t.Errorf("error %q / %q", got, list[0].Format("en"))
	}
}

package pdf

import (
	"encoding/binary"
	"math"
	"sync"
)

// SRGBProfile returns an ICC profile (version 2.1, a display-class RGB
// matrix/TRC profile of 2,548 bytes) for sRGB, IEC 61966-2-1, that PDF/A
// output intents embed. It is built here from the standard's own numbers
// rather than copied from a file, so it carries nobody's copyright and
// needs no licence:
//
//   - the colorants rXYZ, gXYZ, bXYZ: the sRGB primaries (x, y) =
//     (0.64, 0.33), (0.30, 0.60), (0.15, 0.06) with white D65
//     (0.3127, 0.3290), as the RGB→XYZ matrix of IEC 61966-2-1, adapted to
//     the ICC connection space's D50 with the Bradford transform (ICC.1
//     Annex E), to 16 fractional bits;
//   - the tone curves rTRC = gTRC = bTRC: the sRGB transfer function,
//     linear (v/12.92) up to 0.04045 and ((v+0.055)/1.055)^2.4 above,
//     sampled at 1,024 points (a curveType table, as profiles of version 2
//     must give it);
//   - wtpt, the media white: D65 in XYZ (0.9505, 1, 1.0890), as the
//     version-2 sRGB profiles in use give it; the header's illuminant is
//     the connection space's D50;
//   - desc and cprt: the profile's name ("sRGB IEC61966-2.1", the
//     registry's name that the output intent gives too) and a notice;
//   - a header with a fixed date, so that the bytes never change.
//
// TestSRGBProfile checks it: the header and tag table as ICC.1 lays them
// out, white (1, 1, 1) mapping to D50, the colorants summing to D50, and
// littleCMS (transicc) opening it and converting sRGB colours to the Lab
// values sRGB defines.
func SRGBProfile() []byte { return srgbProfile() }

var srgbProfile = sync.OnceValue(func() []byte {
	type tag struct {
		sig  string
		data []byte
	}
	xyz := func(v [3]float64) []byte {
		b := append([]byte("XYZ "), 0, 0, 0, 0)
		for _, c := range v {
			b = binary.BigEndian.AppendUint32(b, uint32(s15f16(c)))
		}
		return b
	}
	m := srgbToD50()
	curve := append([]byte("curv"), 0, 0, 0, 0)
	const points = 1024
	curve = binary.BigEndian.AppendUint32(curve, points)
	for i := range points {
		v := float64(i) / (points - 1)
		curve = binary.BigEndian.AppendUint16(curve, uint16(math.Round(srgbLinear(v)*65535)))
	}
	tags := []tag{
		{"desc", textDescription("sRGB IEC61966-2.1")},
		{"cprt", append(append([]byte("text"), 0, 0, 0, 0), "No copyright: built by vanban from IEC 61966-2-1\x00"...)},
		{"wtpt", xyz([3]float64{0.9505, 1, 1.0890})},
		{"rXYZ", xyz([3]float64{m[0][0], m[1][0], m[2][0]})},
		{"gXYZ", xyz([3]float64{m[0][1], m[1][1], m[2][1]})},
		{"bXYZ", xyz([3]float64{m[0][2], m[1][2], m[2][2]})},
		{"rTRC", curve},
		{"gTRC", nil}, // the three curves share one table
		{"bTRC", nil},
	}
	const header = 128
	table := 4 + 12*len(tags)
	profile := make([]byte, header+table)
	off := header + table
	var data []byte
	for i, t := range tags {
		at, size := off+len(data), len(t.data)
		if t.data == nil { // shares the previous tag's data
			prev := profile[header+4+12*(i-1):]
			at, size = int(binary.BigEndian.Uint32(prev[4:])), int(binary.BigEndian.Uint32(prev[8:]))
		} else {
			data = append(data, t.data...)
			for len(data)%4 != 0 { // tags start on 4-byte boundaries
				data = append(data, 0)
			}
		}
		e := profile[header+4+12*i:]
		copy(e, t.sig)
		binary.BigEndian.PutUint32(e[4:], uint32(at))
		binary.BigEndian.PutUint32(e[8:], uint32(size))
	}
	binary.BigEndian.PutUint32(profile[header:], uint32(len(tags)))
	profile = append(profile, data...)

	h := profile[:header]
	binary.BigEndian.PutUint32(h[0:], uint32(len(profile)))
	binary.BigEndian.PutUint32(h[8:], 0x02100000) // version 2.1.0
	copy(h[12:], "mntr")                          // display device
	copy(h[16:], "RGB ")
	copy(h[20:], "XYZ ") // connection space
	// Date and time: 2026-01-01 00:00:00, fixed.
	for i, v := range []uint16{2026, 1, 1, 0, 0, 0} {
		binary.BigEndian.PutUint16(h[24+2*i:], v)
	}
	copy(h[36:], "acsp")
	// Flags, manufacturer, model, attributes: 0. Rendering intent 0
	// (perceptual). Illuminant: D50.
	for i, v := range d50 {
		binary.BigEndian.PutUint32(h[68+4*i:], uint32(s15f16(v)))
	}
	return profile
})

// d50 is the ICC connection space's white, as ICC.1 fixes it.
var d50 = [3]float64{0.9642, 1.0, 0.8249}

// srgbLinear is the sRGB transfer function (IEC 61966-2-1): an encoded
// value in [0, 1] to linear light.
func srgbLinear(v float64) float64 {
	if v <= 0.04045 {
		return v / 12.92
	}
	return math.Pow((v+0.055)/1.055, 2.4)
}

// srgbToD50 is the matrix from linear sRGB to XYZ under D50: the sRGB
// primaries' matrix for white D65, then the Bradford adaptation D65 → D50.
func srgbToD50() [3][3]float64 {
	xyY := func(x, y float64) [3]float64 { return [3]float64{x / y, 1, (1 - x - y) / y} }
	r, g, b := xyY(0.64, 0.33), xyY(0.30, 0.60), xyY(0.15, 0.06)
	w := xyY(0.3127, 0.3290)
	p := [3][3]float64{{r[0], g[0], b[0]}, {r[1], g[1], b[1]}, {r[2], g[2], b[2]}}
	s := mulVec(inverse(p), w) // each primary's share of white
	var rgbToXYZ [3][3]float64
	for i := range 3 {
		for j := range 3 {
			rgbToXYZ[i][j] = p[i][j] * s[j]
		}
	}
	bradford := [3][3]float64{{0.8951, 0.2664, -0.1614}, {-0.7502, 1.7135, 0.0367}, {0.0389, -0.0685, 1.0296}}
	src, dst := mulVec(bradford, w), mulVec(bradford, d50)
	var scale [3][3]float64
	for i := range 3 {
		scale[i][i] = dst[i] / src[i]
	}
	adapt := mul(inverse(bradford), mul(scale, bradford))
	return mul(adapt, rgbToXYZ)
}

func mul(a, b [3][3]float64) [3][3]float64 {
	var c [3][3]float64
	for i := range 3 {
		for j := range 3 {
			for k := range 3 {
				c[i][j] += a[i][k] * b[k][j]
			}
		}
	}
	return c
}

func mulVec(a [3][3]float64, v [3]float64) [3]float64 {
	var c [3]float64
	for i := range 3 {
		for k := range 3 {
			c[i] += a[i][k] * v[k]
		}
	}
	return c
}

func inverse(a [3][3]float64) [3][3]float64 {
	det := a[0][0]*(a[1][1]*a[2][2]-a[1][2]*a[2][1]) - a[0][1]*(a[1][0]*a[2][2]-a[1][2]*a[2][0]) + a[0][2]*(a[1][0]*a[2][1]-a[1][1]*a[2][0])
	var inv [3][3]float64
	for i := range 3 {
		for j := range 3 {
			// The cofactor of a[j][i], over the determinant.
			r0, r1 := (j+1)%3, (j+2)%3
			c0, c1 := (i+1)%3, (i+2)%3
			inv[i][j] = (a[r0][c0]*a[r1][c1] - a[r0][c1]*a[r1][c0]) / det
		}
	}
	return inv
}

// s15f16 is ICC's s15Fixed16Number.
func s15f16(v float64) int32 { return int32(math.Round(v * 65536)) }

// textDescription is a version-2 textDescriptionType with an ASCII name and
// no Unicode or Macintosh names.
func textDescription(name string) []byte {
	b := append([]byte("desc"), 0, 0, 0, 0)
	b = binary.BigEndian.AppendUint32(b, uint32(len(name)+1))
	b = append(b, name...)
	b = append(b, 0)
	b = binary.BigEndian.AppendUint32(b, 0) // Unicode language
	b = binary.BigEndian.AppendUint32(b, 0) // Unicode count
	b = binary.BigEndian.AppendUint16(b, 0) // ScriptCode code
	b = append(b, 0)                        // ScriptCode count
	return append(b, make([]byte, 67)...)   // ScriptCode name
}

package pdf

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/vanban-vn/vanban/layout"
)

// PDF/A-2b (ISO 19005-2, level B: the pages look the same everywhere, for
// as long as the file is kept). Most of what it asks the writer always
// does: every font embedded (font.go: TrueType subsets with their widths
// and a CIDToGIDMap), no encryption, no JavaScript or actions, a trailer
// /ID, a binary comment after the header, PDF 1.7, streams whose /Length is
// exact. With Options.PDFA it adds the rest, here:
//
//   - XMP metadata (an uncompressed /Metadata stream in the catalog) that
//     holds every entry of the information dictionary with the same value
//     (dc:title, dc:creator, dc:description, xmp:CreatorTool, pdf:Producer,
//     xmp:CreateDate) and identifies the file: pdfaid:part 2,
//     pdfaid:conformance B;
//   - an output intent (GTS_PDFA1) whose profile is sRGB (srgb.go), which
//     makes the device colours the pages paint with — DeviceGray text and
//     rules, DeviceRGB images, whose transparency PDF/A-2 allows as an
//     /SMask — device-independent;
//   - the document's language (/Lang).
func writePDFA(out *objectWriter, next *int, info layout.Info) string {
	meta, intent, profile := *next, *next+1, *next+2
	*next += 3
	out.stream(meta, " /Type /Metadata /Subtype /XML", XMP(info))
	out.object(intent, fmt.Sprintf("<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) /RegistryName (http://www.color.org) /Info (sRGB IEC61966-2.1) /DestOutputProfile %d 0 R>>", profile))
	icc := compressedSRGB()
	out.stream(profile, " /N 3 /Filter /FlateDecode", icc)
	entries := fmt.Sprintf(" /Metadata %d 0 R /OutputIntents [%d 0 R]", meta, intent)
	if info.Language != "" {
		entries += " /Lang " + literalString(info.Language)
	}
	return entries
}

var compressedSRGB = sync.OnceValue(func() []byte {
	z, err := deflate(SRGBProfile())
	if err != nil {
		panic(err) // compressing into memory does not fail
	}
	return z
})

// XMP is the XMP packet of a PDF/A-2b file whose information dictionary
// holds info: the same values in the properties ISO 19005-2 §6.6.2.3.1 maps
// them to, and the PDF/A identification.
func XMP(info layout.Info) []byte {
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">` + "\n")
	b.WriteString(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`<rdf:Description rdf:about=""` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/"` +
		` xmlns:xmp="http://ns.adobe.com/xap/1.0/"` +
		` xmlns:pdf="http://ns.adobe.com/pdf/1.3/"` +
		` xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">` + "\n")
	b.WriteString("<dc:format>application/pdf</dc:format>\n")
	alt := func(prop, v string) {
		if v != "" {
			fmt.Fprintf(&b, "<%s><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></%s>\n", prop, xmlText(v), prop)
		}
	}
	alt("dc:title", info.Title)
	if info.Author != "" {
		fmt.Fprintf(&b, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", xmlText(info.Author))
	}
	alt("dc:description", info.Subject)
	if info.Language != "" {
		fmt.Fprintf(&b, "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", xmlText(info.Language))
	}
	// infoDict's Creator and Producer.
	b.WriteString("<xmp:CreatorTool>vanban</xmp:CreatorTool>\n")
	if d := xmpDate(info.Created); d != "" {
		fmt.Fprintf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n", d)
	}
	b.WriteString("<pdf:Producer>vanban</pdf:Producer>\n")
	b.WriteString("<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n")
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n")
	// Room for an editor to rewrite the packet in place, as XMP suggests.
	for range 20 {
		b.WriteString(strings.Repeat(" ", 99) + "\n")
	}
	b.WriteString(`<?xpacket end="w"?>`)
	return []byte(b.String())
}

// xmpDate is the RFC 3339 date-time s as XMP writes it, at the same instant
// and offset as pdfDate writes it into the information dictionary.
func xmpDate(s string) string {
	if s == "" {
		return ""
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return ""
	}
	return t.Format("2006-01-02T15:04:05-07:00")
}

// xmlText escapes text for XML character data, leaving out the control
// characters XML 1.0 cannot hold.
func xmlText(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, s)
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\"", "&quot;").Replace(s)
}

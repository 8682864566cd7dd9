package server

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"

	vanban "github.com/vanban-vn/vanban"
)

// Profile is an agency's defaults (vanban serve --profile agency.yaml):
// what a new document starts with and what the form offers while typing,
// so that nobody retypes the header.
//
//	agencies:                       # the first is the default; others are offered
//	  - {parent: UBND TỈNH HÀ TĨNH, name: SỞ NỘI VỤ, name_in_text: Sở Nội vụ}
//	codes: [SNV-VP, SNV-CCHC&VTLT]  # ký hiệu; the first is the default
//	place: Hà Tĩnh
//	signers:                        # the first is the default
//	  - {name: Lê Minh Đạo, title: GIÁM ĐỐC}
//	  - {name: Nguyễn Văn An, title: [KT. GIÁM ĐỐC, PHÓ GIÁM ĐỐC]}
//	recipients: [UBND tỉnh, "Các Sở: Tư pháp, Tài chính"]   # Kính gửi, offered
//	cc: [Như trên, UBND tỉnh (b/c), Giám đốc, các PGĐ Sở]  # Nơi nhận, offered
//	archive: VT, VP                 # the Lưu line's default
//	drafter: PL                     # ô 12 initials, default
//	contact: {address: …, phone: …, email: …, website: …}  # ô 13, default
type Profile struct {
	Agencies   []Agency `json:"agencies,omitempty"`
	Codes      []string `json:"codes,omitempty"`
	Place      string   `json:"place,omitempty"`
	Signers    []Signer `json:"signers,omitempty"`
	Recipients []string `json:"recipients,omitempty"`
	CC         []string `json:"cc,omitempty"`
	Archive    string   `json:"archive,omitempty"`
	Drafter    string   `json:"drafter,omitempty"`
	Contact    *Contact `json:"contact,omitempty"`
}

// LoadProfile reads a profile file (at most 1 MB), as every input is read
// (vanban.ReadInput: a regular file, errors in both languages).
func LoadProfile(path string) (*Profile, error) {
	src, err := vanban.ReadInput(path)
	if err != nil {
		return nil, err
	}
	if len(src) > 1<<20 {
		return nil, vanban.ErrorList{{File: path, Pos: vanban.Pos{Line: 1, Column: 1}, Rule: "limit-size",
			Msg: "tệp hồ sơ lớn hơn 1 MB", MsgEN: "the profile file is larger than 1 MB"}}
	}
	return ParseProfile(path, src)
}

// ParseProfile reads a profile. Errors name the line and column, and a
// key the profile does not have.
func ParseProfile(name string, src []byte) (*Profile, error) {
	var raw struct {
		Agency     *profileAgency  `yaml:"agency"`
		Agencies   []profileAgency `yaml:"agencies"`
		Codes      lineList        `yaml:"codes"`
		Place      string          `yaml:"place"`
		Signers    []profileSigner `yaml:"signers"`
		Recipients lineList        `yaml:"recipients"`
		CC         lineList        `yaml:"cc"`
		Archive    string          `yaml:"archive"`
		Drafter    string          `yaml:"drafter"`
		Contact    *profileContact `yaml:"contact"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&raw); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: hồ sơ cơ quan không hợp lệ (agency profile is not valid): %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	p := &Profile{Codes: nfc(raw.Codes), Place: norm.NFC.String(raw.Place), Recipients: nfc(raw.Recipients), CC: nfc(raw.CC),
		Archive: norm.NFC.String(raw.Archive), Drafter: norm.NFC.String(raw.Drafter)}
	if raw.Agency != nil {
		raw.Agencies = append([]profileAgency{*raw.Agency}, raw.Agencies...)
	}
	for _, a := range raw.Agencies {
		p.Agencies = append(p.Agencies, Agency{Parent: norm.NFC.String(a.Parent), Name: norm.NFC.String(a.Name), NameInText: norm.NFC.String(a.NameInText)})
	}
	for _, s := range raw.Signers {
		p.Signers = append(p.Signers, Signer{Name: norm.NFC.String(s.Name), Title: nfc(s.Title)})
	}
	if c := raw.Contact; c != nil {
		p.Contact = &Contact{Address: c.Address, Phone: c.Phone, Fax: c.Fax, Email: c.Email, Website: c.Website}
	}
	// A profile is checked as a document would be: its agency and signer
	// must be ones the model accepts.
	for i, s := range p.Signers {
		if s.Name == "" || len(s.Title) == 0 {
			return nil, fmt.Errorf("%s: signers[%d]: cần name và title (name and title are needed)", name, i)
		}
	}
	for i, a := range p.Agencies {
		if a.Name == "" {
			return nil, fmt.Errorf("%s: agencies[%d]: cần name (name is needed)", name, i)
		}
	}
	return p, nil
}

type profileAgency struct {
	Parent     string `yaml:"parent"`
	Name       string `yaml:"name"`
	NameInText string `yaml:"name_in_text"`
}

type profileSigner struct {
	Name  string   `yaml:"name"`
	Title lineList `yaml:"title"`
}

type profileContact struct {
	Address string `yaml:"address"`
	Phone   string `yaml:"phone"`
	Fax     string `yaml:"fax"`
	Email   string `yaml:"email"`
	Website string `yaml:"website"`
}

// lineList is one line or a list of lines.
type lineList []string

func (l *lineList) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*l = []string{n.Value}
		return nil
	case yaml.SequenceNode:
		var s []string
		if err := n.Decode(&s); err != nil {
			return err
		}
		*l = s
		return nil
	}
	return fmt.Errorf("line %d: cần một dòng hoặc danh sách dòng (expected a line or a list of lines)", n.Line)
}

func nfc(in []string) []string {
	var out []string
	for _, s := range in {
		if s = strings.TrimSpace(norm.NFC.String(s)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// NewDraft is the document a new form starts with: a công văn with the
// profile's header, place, first code, first signer and Lưu line, dated
// this month (the records office adds the day at registration).
func (p *Profile) NewDraft(month string) *Draft {
	d := &Draft{Type: "cong-van", Date: month, Signer: &Signer{}}
	if p == nil {
		return d
	}
	if len(p.Agencies) > 0 {
		a := p.Agencies[0]
		d.Agency = &a
	}
	if len(p.Codes) > 0 {
		d.Code = p.Codes[0]
	}
	d.Place = p.Place
	if len(p.Signers) > 0 {
		s := p.Signers[0]
		s.Title = append([]string(nil), s.Title...)
		d.Signer = &s
	}
	d.Archive = p.Archive
	if p.Drafter != "" {
		d.Drafter = &Drafter{Initials: p.Drafter}
	}
	if p.Contact != nil {
		c := *p.Contact
		d.Contact = &c
	}
	return d
}

package nd30

// DocumentType is an administrative document type vanban lays out (Decree
// 30, Art. 7; the abbreviations and forms of Phụ lục III, spec §14).
type DocumentType struct {
	ID   string // the input's `type:`, "cong-van"
	Name string // as running text names it: "Công văn"
	Form string // the Mẫu of Phụ lục III, Mục II that lays it out: "1.5"
}

// documentTypes is the one registry of types: the decoder accepts these,
// templates has a composer for each (tested), the texts name them from here.
var documentTypes = []DocumentType{
	{ID: "cong-van", Name: "Công văn", Form: "1.5"},
}

// DocumentTypes lists the types vanban lays out, in the registry's order.
func DocumentTypes() []DocumentType {
	return append([]DocumentType(nil), documentTypes...)
}

// DocumentTypeOf returns the type with the given ID.
func DocumentTypeOf(id string) (DocumentType, bool) {
	for _, t := range documentTypes {
		if t.ID == id {
			return t, true
		}
	}
	return DocumentType{}, false
}

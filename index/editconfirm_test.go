package index

import "testing"

// TestSavingAReadValueConfirmsIt: a field read from the document and
// saved unchanged (the edit form saves the fields to review with the one
// the person corrected) is confirmed by the person, keeping where it was
// read; only a value the person changed is typed by a person (usertest
// s12: after only the number was corrected, the handwritten date read
// unsure said "người sửa").
func TestSavingAReadValueConfirmsIt(t *testing.T) {
	d := &Document{Number: "238/TTr-CAT", Date: "2025-10-29", Year: 2025, Signer: "Trương Minh Đương",
		Fields: map[string]FieldInfo{
			FieldNumber: {Origin: ByReader, Confidence: 0.4, Why: "number-why"},
			FieldDate:   {Origin: ByReader, Confidence: 0.5, Why: "date-why"},
			FieldYear:   {Origin: ByReader, Confidence: 0.5, Why: "date-why"},
			FieldSigner: {Origin: ByReader, Confidence: 0.9, Why: "signer-why"},
		}}
	if err := applyEdits(d, map[string]string{FieldNumber: "298/TTr-CAT", FieldDate: "29/10/2025", FieldSigner: "Trương Minh Đương"}, nil); err != nil {
		t.Fatal(err)
	}
	want := map[string]FieldInfo{
		FieldNumber: {Origin: ByPerson},
		FieldDate:   {Origin: ByPerson, Confidence: 0.5, Why: "date-why", Confirmed: true},
		FieldYear:   {Origin: ByPerson, Confidence: 0.5, Why: "date-why", Confirmed: true},
		FieldSigner: {Origin: ByPerson, Confidence: 0.9, Why: "signer-why", Confirmed: true},
	}
	for f, w := range want {
		if d.Fields[f] != w {
			t.Errorf("%s: %+v, want %+v", f, d.Fields[f], w)
		}
	}
	if u := d.Unsure(); len(u) != 0 {
		t.Errorf("still to review: %v", u)
	}
	// A confirmed value changed later is the person's own; one saved
	// again unchanged stays confirmed.
	if err := applyEdits(d, map[string]string{FieldDate: "30/10/2025", FieldSigner: "Trương Minh Đương"}, nil); err != nil {
		t.Fatal(err)
	}
	if got := d.Fields[FieldDate]; got != (FieldInfo{Origin: ByPerson}) {
		t.Errorf("changed date: %+v", got)
	}
	if got := d.Fields[FieldYear]; !got.Confirmed || got.Origin != ByPerson {
		t.Errorf("year kept by a changed date in the same year: %+v", got)
	}
	if got := d.Fields[FieldSigner]; !got.Confirmed {
		t.Errorf("signer saved unchanged twice: %+v", got)
	}
}

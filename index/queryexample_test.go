package index

import (
	"context"
	"errors"
	"testing"
)

// TestFilterExample checks that each example is a filter the search
// takes, written with the name typed.
func TestFilterExample(t *testing.T) {
	a := newTestArchive(t)
	for name := range filterNames {
		for _, typed := range []string{name + ":", "_" + name + ":"} {
			ex := FilterExample(typed)
			if len(ex) <= len(typed) || ex[:len(typed)] != typed {
				t.Errorf("%s: example %q", typed, ex)
				continue
			}
			if _, err := a.Search(context.Background(), Request{Query: ex}); err != nil {
				t.Errorf("%s: the example %q is refused: %v", typed, ex, err)
			}
		}
	}
	for typed, want := range map[string]string{"Loại:": `Loại:"kế hoạch"`, "sohieu:": "sohieu:12-KH/ĐU", "mau:": "năm:2014"} {
		if got := FilterExample(typed); got != want {
			t.Errorf("%s: %q, want %q", typed, got, want)
		}
	}
	var qe *QueryError
	if _, err := a.Search(context.Background(), Request{Query: "so:"}); !errors.As(err, &qe) || qe.Code != QueryEmptyFilter {
		t.Errorf("an empty filter: %v", err)
	}
}

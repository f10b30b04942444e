package extract

import (
	"context"
	"errors"
	"testing"
)

func TestCheckSize(t *testing.T) {
	err := CheckSize(500<<20, DefaultLimits())
	var le *LimitError
	if !errors.Is(err, ErrTooLarge) || !errors.As(err, &le) {
		t.Fatalf("err = %v", err)
	}
	if le.What != "file size" || le.Limit != 200<<20 || le.Got != 500<<20 {
		t.Errorf("limit error %+v", le)
	}
	if want := "check size: file size is 500 MB, limit 200 MB"; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
	if err := CheckSize(1<<20, Limits{}); err != nil {
		t.Errorf("1 MB: %v", err)
	}
}

func TestExtractTooLarge(t *testing.T) {
	// a limit below the data's size stands in for a 500 MB file
	_, err := Extract(context.Background(), "a.txt", []byte("some text"), Options{Limits: Limits{MaxFileBytes: 4}})
	var le *LimitError
	if !errors.As(err, &le) || le.What != "file size" || le.Got != 9 {
		t.Errorf("err = %v", err)
	}
}

func TestLimitErrorMessages(t *testing.T) {
	tests := []struct {
		e    LimitError
		want string
	}{
		{LimitError{What: limitUnzippedBytes, Limit: 1 << 30, Got: 1<<30 + 1}, "unzipped size is over 1024 MB, the limit"},
		{LimitError{What: limitFileBytes, Limit: 2 << 20, Got: 3 << 19}, "file size is 1.5 MB, limit 2.0 MB"},
		{LimitError{What: limitZipDepth, Limit: 3, Got: 4}, "zip nesting depth is 4, limit 3"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestDefaultLimits(t *testing.T) {
	if got := (Limits{}).withDefaults(); got != DefaultLimits() {
		t.Errorf("zero limits become %+v", got)
	}
}

// TestNoPanics feeds every reader every fixture under every other name:
// each must answer with a result or an error, never a panic.
func TestNoPanics(t *testing.T) {
	files := []string{"vn.docx", "vn.doc", "vn.odt", "vn.pdf", "article.html", "txt-utf8.txt", "cp1258.rtf", "mixed.zip"}
	for _, file := range files {
		data := readTestdata(t, file)
		for _, name := range []string{"x.txt", "x.md", "x.docx", "x.doc", "x.odt", "x.rtf", "x.pdf", "x.html"} {
			Extract(context.Background(), name, data, Options{})
		}
		Zip(context.Background(), data, Limits{})
	}
}

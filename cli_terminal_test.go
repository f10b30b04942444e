package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"khovanban/assets"
	"khovanban/index"
)

// controls are what a terminal acts on in the command line's output.
func hasTerminalControls(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool {
		return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f || r >= 0x80 && r <= 0x9f
	})
}

// TestForgedPackCannotDriveTheTerminal: a pack from elsewhere whose
// document carries escape sequences, a bell, a C1 CSI and line breaks in
// its title, names, notes and text (sums recomputed, unsigned). Planning
// it prints no control character, and no line of the forger's ("Chữ ký:
// hợp lệ" under the warning that it is unsigned); imported, the document
// keeps no control character but its notes' and text's line breaks and
// tabs, and `show` prints none. Before, the dry run printed the title as
// it came: ESC [2J (clear the screen), ESC ]52 (set the clipboard), the
// bell, and a line of its own.
func TestForgedPackCannotDriveTheTerminal(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	district := filepath.Join(t.TempDir(), "huyen")
	commune := filepath.Join(t.TempDir(), "xa")
	if code, out, _ := run(t, district, "import", writeFiles(t, map[string]string{"kh.txt": planText})); code != 0 {
		t.Fatalf("import: %s", out)
	}
	pack := filepath.Join(t.TempDir(), "goi.kvbpack")
	if code, out, errOut := run(t, district, "pack", "export", "-office", "Huyện ủy", pack); code != 0 {
		t.Fatalf("export: %s %s", out, errOut)
	}
	const forgedLine = "Chữ ký: hợp lệ, khóa AB12"
	forged := reforge(t, pack, true, func(name string, data []byte) []byte {
		if !strings.HasPrefix(name, "docs/") {
			return data
		}
		var d map[string]any
		if err := json.Unmarshal(data, &d); err != nil {
			t.Fatal(err)
		}
		d["title"] = "Kế hoạch\x1b[2J\x1b]52;c;ZXZpbA==\x07\r\n" + forgedLine
		d["original_name"] = "kh\x1b[1A\x1b[2K.txt"
		d["signer"] = "Lê Văn\u009b2J A"
		d["notes"] = "dòng một\n\x1b[31mdòng hai\tđỏ"
		d["recipients"] = []string{"Chi bộ\x1b[8m ẩn"}
		d["text"] = d["text"].(string) + "\n\x1b[2Jhết\tcột\n"
		out, _ := json.Marshal(d)
		return out
	})
	run(t, commune, "stats")
	code, out, errOut := run(t, commune, "pack", "import", "-dry-run", forged)
	if code != 0 || hasTerminalControls(out+errOut) || !strings.Contains(out, "CẢNH BÁO") {
		t.Fatalf("dry run: exit %d, control characters %v\n%q\n%q", code, hasTerminalControls(out+errOut), out, errOut)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), forgedLine) {
			t.Fatalf("the pack's title printed a line of its own: %q", out)
		}
	}
	if code, out, errOut := run(t, commune, "pack", "import", "-unverified-ok", forged); code != 0 || hasTerminalControls(out+errOut) {
		t.Fatalf("import: exit %d\n%q\n%q", code, out, errOut)
	}
	a, err := index.OpenReadOnly(commune, index.Options{Registry: assets.Registry})
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.Search(context.Background(), index.Request{})
	if err != nil || res.Total != 1 {
		t.Fatalf("imported: %v %v", res, err)
	}
	d, err := a.Get(res.Hits[0].ID)
	a.Close()
	if err != nil {
		t.Fatal(err)
	}
	for field, v := range map[string]string{"title": d.Title, "original name": d.OriginalName, "signer": d.Signer, "recipients": strings.Join(d.Recipients, ";")} {
		if strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 || r >= 0x7f && r <= 0x9f }) {
			t.Errorf("stored %s keeps control characters: %q", field, v)
		}
	}
	if d.Notes != "dòng một\n [31mdòng hai\tđỏ" || !strings.Contains(d.Text, "\n [2Jhết\tcột\n") {
		t.Errorf("stored notes %q, text's end %q: line breaks and tabs kept, escapes not", d.Notes, d.Text[max(0, len(d.Text)-40):])
	}
	if code, out, errOut := run(t, commune, "show", d.ID); code != 0 || hasTerminalControls(out+errOut) {
		t.Fatalf("show: exit %d\n%q", code, out)
	}
}

// TestOutputShowsNoTerminalControls: control characters a person types
// into a field (an escape sequence setting the terminal's title, BEL, the
// C1 CSI) are not stored (index's typedValue: each a space), so no
// command prints them, nor -json; what a document of an earlier version
// still holds is shown as U+FFFD by safeText (TestSafeTextWrites).
func TestOutputShowsNoTerminalControls(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	archive := filepath.Join(t.TempDir(), "kho")
	if code, out, _ := run(t, archive, "import", writeFiles(t, map[string]string{"kh.txt": planText})); code != 0 {
		t.Fatalf("import: %s", out)
	}
	id := firstID(t, archive, "quyết tâm")
	if code, out, errOut := run(t, archive, "edit", id, "title=Tiêu đề\x1b]0;bị đổi\x07 mới\u009b"); code != 0 {
		t.Fatalf("edit: %d %s %s", code, out, errOut)
	}
	for _, args := range [][]string{{"show", id}, {"search", "mới"}, {"review"}} {
		code, out, errOut := run(t, archive, args...)
		if code != 0 || hasTerminalControls(out+errOut) || !strings.Contains(out+errOut, "Tiêu đề ]0;bị đổi  mới\n") && args[0] == "show" {
			t.Errorf("%v: exit %d\n%q\n%q", args, code, out, errOut)
		}
	}
	code, out, _ := run(t, archive, "show", "-json", id)
	if code != 0 || !strings.Contains(out, `"title": "Tiêu đề ]0;bị đổi  mới"`) {
		t.Errorf("show -json: %d %q", code, out)
	}
}

// TestSafeTextWrites: the filter writes everything else as it is and
// says it wrote all it was given.
func TestSafeTextWrites(t *testing.T) {
	var b strings.Builder
	for in, want := range map[string]string{
		"":                      "",
		"Kế hoạch\tsố 12\r\n":   "Kế hoạch\tsố 12\r\n",
		"a\x1b[2Jb\x07":         "a\ufffd[2Jb\ufffd",
		"\u009b31m\u0085đỏ\x7f": "\ufffd31m\ufffdđỏ\ufffd",
		"\xc2":                  "\xc2",         // cut in the middle of a rune: left to the next write
		"Đảng\u00a0bộ":          "Đảng\u00a0bộ", // U+00A0 is no control
	} {
		b.Reset()
		n, err := safeText{&b}.Write([]byte(in))
		if err != nil || n != len(in) || b.String() != want {
			t.Errorf("%q: wrote %q, %d, %v; want %q, %d", in, b.String(), n, err, want, len(in))
		}
	}
}

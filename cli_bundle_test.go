package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// rewritePack writes a copy of a pack through rewrite, which reads the
// pack's entries from zr and writes the copy's to zw.
func rewritePack(t *testing.T, file, name string, rewrite func(zr *zip.Reader, zw *zip.Writer)) string {
	t.Helper()
	data, _ := os.ReadFile(file)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	rewrite(zr, zw)
	zw.Close()
	out := filepath.Join(t.TempDir(), name)
	os.WriteFile(out, buf.Bytes(), 0o644)
	return out
}

// reforge rewrites a pack as a forger would: entries through edit, sums
// recomputed; unsign drops the signature and the signer.
func reforge(t *testing.T, file string, unsign bool, edit func(name string, data []byte) []byte) string {
	t.Helper()
	return rewritePack(t, file, "forged.kvbpack", func(zr *zip.Reader, zw *zip.Writer) {
		var meta map[string]any
		var sig []byte
		sums := map[string]string{}
		for _, f := range zr.File {
			rc, _ := f.Open()
			d, _ := io.ReadAll(rc)
			rc.Close()
			switch f.Name {
			case "manifest.json":
				json.Unmarshal(d, &meta)
				continue
			case "signature.json":
				sig = d
				continue
			}
			d = edit(f.Name, d)
			w, _ := zw.Create(f.Name)
			w.Write(d)
			sum := sha256.Sum256(d)
			sums[f.Name] = hex.EncodeToString(sum[:])
		}
		meta["files"] = sums
		if unsign {
			delete(meta, "signer")
		}
		m, _ := json.Marshal(meta)
		w, _ := zw.Create("manifest.json")
		w.Write(m)
		if !unsign {
			w, _ := zw.Create("signature.json")
			w.Write(sig)
		}
	})
}

func same(name string, d []byte) []byte { return d }

// replaceSignature copies a pack with another signature in it.
func replaceSignature(t *testing.T, file string) string {
	t.Helper()
	return rewritePack(t, file, "resigned.kvbpack", func(zr *zip.Reader, zw *zip.Writer) {
		for _, f := range zr.File {
			if f.Name != "signature.json" {
				zw.Copy(f)
				continue
			}
			w, _ := zw.Create(f.Name)
			w.Write([]byte(`{"signature":"` + strings.Repeat("A", 86) + `=="}`))
		}
	})
}

// TestPackSignaturesAndForgeries runs pack import as a cadre would: a
// signed pack from a new office is shown document by document and taken;
// an unsigned one needs -unverified-ok; a changed key is warned about;
// a tampered signature and a forged format are refused with the reason.
func TestPackSignaturesAndForgeries(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	district := filepath.Join(t.TempDir(), "huyen")
	commune := filepath.Join(t.TempDir(), "xa")
	if code, out, _ := run(t, district, "import", writeFiles(t, map[string]string{"kh.txt": planText})); code != 0 {
		t.Fatalf("import: %s", out)
	}
	run(t, commune, "stats")
	pack := filepath.Join(t.TempDir(), "goi.kvbpack")
	if code, out, errOut := run(t, district, "pack", "export", "-office", "Huyện ủy Chợ Mới", pack); code != 0 {
		t.Fatalf("export: %s %s", out, errOut)
	}
	if _, err := os.Stat(filepath.Join(district, "office-key.json")); err != nil {
		t.Fatal("no office key after the first export")
	}

	code, out, _ := run(t, commune, "pack", "import", "-dry-run", pack)
	if code != 0 || !strings.Contains(out, "Chữ ký: hợp lệ") || !strings.Contains(out, "lần đầu") || !strings.Contains(out, "thêm") || !strings.Contains(out, "Kế hoạch") && !strings.Contains(out, "KẾ HOẠCH") && !strings.Contains(out, "học tập") {
		t.Errorf("dry run: exit %d\n%s", code, out)
	}
	if code, out, _ = run(t, commune, "stats", "-json"); code != 0 || !strings.Contains(out, `"documents": 0`) {
		t.Errorf("the dry run changed the archive: %s", out)
	}

	// A tampered signature, and a pack signed then altered, are refused.
	for name, p := range map[string]string{
		"altered after signing": reforge(t, pack, false, func(name string, d []byte) []byte {
			if strings.HasPrefix(name, "docs/") { // the text; the original is checked by its hash
				return bytes.ReplaceAll(d, []byte("quyết tâm"), []byte("quyết định"))
			}
			return d
		}),
		"manifest rewritten": reforge(t, pack, false, same), // re-encoded: other bytes than were signed
		"signature changed":  replaceSignature(t, pack),
	} {
		code, _, errOut := run(t, commune, "pack", "import", p)
		if code != 1 || !strings.Contains(errOut, "chữ ký số không khớp") {
			t.Errorf("%s: exit %d %s", name, code, errOut)
		}
	}

	// A forged format, unsigned, with recomputed sums: refused with the reason.
	forged := reforge(t, pack, true, func(name string, d []byte) []byte {
		if strings.HasPrefix(name, "docs/") {
			return bytes.Replace(d, []byte(`"format":"txt"`), []byte(`"format":"x/../../00/`+strings.Repeat("0", 64)+`.txt"`), 1)
		}
		return d
	})
	code, out, errOut := run(t, commune, "pack", "import", "-dry-run", forged)
	if code != 1 || !strings.Contains(errOut, "Không nhận tệp") || !strings.Contains(errOut, "không khớp nhau") {
		t.Errorf("forged format: exit %d %s %s", code, out, errOut)
	}

	// An unsigned pack: said so, and taken only with -unverified-ok.
	unsigned := reforge(t, pack, true, same)
	code, out, errOut = run(t, commune, "pack", "import", unsigned)
	if code != 1 || !strings.Contains(out, "CẢNH BÁO: gói không có chữ ký") || !strings.Contains(errOut, "-unverified-ok") {
		t.Errorf("unsigned: exit %d %s %s", code, out, errOut)
	}
	if code, out, errOut = run(t, commune, "pack", "import", "-unverified-ok", unsigned); code != 0 || !strings.Contains(out, "thêm 1 văn bản") {
		t.Errorf("unsigned with -unverified-ok: exit %d %s %s", code, out, errOut)
	}

	// The signed pack: its key is remembered on import, known next time.
	if code, out, errOut = run(t, commune, "pack", "import", pack); code != 0 || !strings.Contains(out, "lần đầu") {
		t.Errorf("signed: exit %d %s %s", code, out, errOut)
	}
	if code, out, _ = run(t, commune, "pack", "import", "-dry-run", pack); code != 0 || !strings.Contains(out, "đúng khóa đã biết") || !strings.Contains(out, "giữ nguyên") {
		t.Errorf("signed again: exit %d %s", code, out)
	}

	// Another archive signing as the same office: warned, and refused
	// without -unverified-ok.
	other := filepath.Join(t.TempDir(), "gia")
	run(t, other, "import", writeFiles(t, map[string]string{"kh.txt": planText}))
	otherPack := filepath.Join(t.TempDir(), "gia.kvbpack")
	run(t, other, "pack", "export", "-office", "Huyện ủy  chợ mới", otherPack)
	code, out, _ = run(t, commune, "pack", "import", otherPack)
	if code != 1 || !strings.Contains(out, "CẢNH BÁO: chữ ký hợp lệ nhưng bằng khóa") {
		t.Errorf("changed key: exit %d %s", code, out)
	}

	for _, dir := range []string{district, commune, other} {
		if code, out, errOut := run(t, dir, "check"); code != 0 {
			t.Errorf("check %s: exit %d %s %s", dir, code, out, errOut)
		}
	}

	// The private key is not in a backup; the known offices are.
	backup := filepath.Join(t.TempDir(), "b.zip")
	run(t, district, "backup", backup)
	run(t, commune, "backup", backup+"2.zip")
	for file, want := range map[string]string{backup: "office-key.json", backup + "2.zip": "offices.json"} {
		data, _ := os.ReadFile(file)
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, f := range zr.File {
			found = found || f.Name == want
		}
		if found != (want == "offices.json") {
			t.Errorf("%s in the backup: %v", want, found)
		}
	}
}

// TestRestoreRefusesUserFiles: restore onto a file or a non-empty folder
// exits 1 with the reason and leaves them as they were.
func TestRestoreRefusesUserFiles(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	archive := filepath.Join(t.TempDir(), "kho")
	run(t, archive, "import", writeFiles(t, map[string]string{"kh.txt": planText}))
	backup := filepath.Join(t.TempDir(), "b.zip")
	if code, out, errOut := run(t, archive, "backup", backup); code != 0 {
		t.Fatalf("backup: %s %s", out, errOut)
	}
	parent := t.TempDir()
	report := filepath.Join(parent, "report.docx")
	os.WriteFile(report, []byte("của người dùng"), 0o644)
	code, _, errOut := run(t, archive, "restore", backup, report)
	if got, _ := os.ReadFile(report); code != 1 || string(got) != "của người dùng" || !strings.Contains(errOut, "đã có một tệp") {
		t.Errorf("onto a file: exit %d %q; file now %q", code, errOut, got)
	}
	full := filepath.Join(parent, "full")
	os.Mkdir(full, 0o755)
	os.WriteFile(filepath.Join(full, "a.txt"), []byte("x"), 0o644)
	code, _, errOut = run(t, archive, "restore", backup, full)
	if entries, _ := os.ReadDir(full); code != 1 || len(entries) != 1 || !strings.Contains(errOut, "Thư mục đã có tệp") {
		t.Errorf("onto a non-empty folder: exit %d %q; %d entries", code, errOut, len(entries))
	}
}

// TestPackPlanNamesADifferentDocumentOnce: a document edited here and
// otherwise in the pack is listed once, as different, with the field's
// label and a count in the summary, not also as the same (usertest
// finding 43).
func TestPackPlanNamesADifferentDocumentOnce(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	files := writeFiles(t, map[string]string{"kh.txt": planText})
	district := filepath.Join(t.TempDir(), "huyen")
	commune := filepath.Join(t.TempDir(), "xa")
	for _, a := range []string{district, commune} {
		if code, out, errOut := run(t, a, "import", files); code != 0 {
			t.Fatalf("import: %s %s", out, errOut)
		}
	}
	_, out, _ := run(t, commune, "search", "-json", "")
	id := out[strings.Index(out, `"id": "`)+7:][:16]
	// Both sides set the number by hand, each its own.
	for a, number := range map[string]string{district: "12/KH-HU", commune: "99/KH-ĐU"} {
		if code, _, errOut := run(t, a, "edit", id, "number="+number); code != 0 {
			t.Fatal(errOut)
		}
	}
	pack := filepath.Join(t.TempDir(), "goi.kvbpack")
	if code, out, errOut := run(t, district, "pack", "export", "-office", "Huyện ủy Chợ Mới", pack); code != 0 {
		t.Fatalf("export: %s %s", out, errOut)
	}
	code, out, errOut := run(t, commune, "pack", "import", "-dry-run", pack)
	if code != 0 || !strings.Contains(out, "khác với bản ở đây: 1 văn bản") || !strings.Contains(out, "Số hiệu: ở đây") ||
		strings.Contains(out, "giống hệt") || strings.Contains(out, ", number:") {
		t.Errorf("plan: exit %d\n%s%s", code, out, errOut)
	}
}

// TestImportBackupNamesTheCommand: a backup or a pack given to import is
// skipped with the command that takes it (restore, pack import), not the
// window's menu, which the command line has not.
func TestImportBackupNamesTheCommand(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	archive := filepath.Join(t.TempDir(), "kho")
	run(t, archive, "import", writeFiles(t, map[string]string{"kh.txt": planText}))
	backup := filepath.Join(t.TempDir(), "sao-luu.zip")
	if code, out, errOut := run(t, archive, "backup", backup); code != 0 {
		t.Fatalf("backup: %s %s", out, errOut)
	}
	_, out, errOut := run(t, filepath.Join(t.TempDir(), "kho2"), "import", backup)
	if !strings.Contains(out, "khovanban restore") || strings.Contains(out+errOut, "Tệp ›") {
		t.Errorf("import of a backup says:\n%s\n%s", out, errOut)
	}
}

// TestBackupWithoutArchive: backing up a folder that holds no archive
// says there is none there, as the commands that read do.
func TestBackupWithoutArchive(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	missing := filepath.Join(t.TempDir(), "none")
	code, _, errOut := run(t, missing, "backup", filepath.Join(t.TempDir(), "b.zip"))
	if code != 1 || !strings.Contains(errOut, "Chưa có kho văn bản ở") {
		t.Errorf("backup of no archive: exit %d %s", code, errOut)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("the backup made the folder: %v", err)
	}
}

// TestOwnOfficeNameChecked: the name a person gives their packs is
// checked as receiving archives check it. A line break (which would print
// a line of its own in the receiver's listing) or 201 letters: export
// exits 1 with the reason and writes no pack (before, it wrote one every
// office refused). Cyrillic letters typed on another keyboard: the pack is
// written and the person told which letters. A pack signed with another
// key under a lookalike of a known office's name: the changed-key warning
// names the letters (before, only a new office's did).
func TestOwnOfficeNameChecked(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	district := filepath.Join(t.TempDir(), "huyen")
	if code, out, _ := run(t, district, "import", writeFiles(t, map[string]string{"kh.txt": planText})); code != 0 {
		t.Fatalf("import: %s", out)
	}
	dir := t.TempDir()
	for office, want := range map[string]string{
		"Xã A\nChữ ký: hợp lệ":   "ký tự điều khiển",
		strings.Repeat("x", 201): "dài quá 200 chữ",
		"Xã A\u202eB":            "đảo chiều",
	} {
		pack := filepath.Join(dir, "goi.kvbpack")
		code, out, errOut := run(t, district, "pack", "export", "-office", office, pack)
		if code != 1 || !strings.Contains(errOut, want) {
			t.Errorf("export as %.20q: exit %d %s %s; want %q", office, code, out, errOut, want)
		}
		if _, err := os.Stat(pack); err == nil {
			t.Errorf("export as %.20q refused but wrote the pack", office)
		}
	}
	genuine := filepath.Join(dir, "that.kvbpack")
	if code, out, errOut := run(t, district, "pack", "export", "-office", "Huyện ủy Chợ Mới", genuine); code != 0 || strings.Contains(errOut, "chữ Nga") {
		t.Fatalf("export: exit %d %s %s", code, out, errOut)
	}
	commune := filepath.Join(t.TempDir(), "xa")
	if code, out, errOut := run(t, commune, "pack", "import", genuine); code != 0 {
		t.Fatalf("import: exit %d %s %s", code, out, errOut)
	}

	forger := filepath.Join(t.TempDir(), "gia")
	run(t, forger, "import", writeFiles(t, map[string]string{"kh.txt": planText}))
	forged := filepath.Join(dir, "gia.kvbpack")
	code, _, errOut := run(t, forger, "pack", "export", "-office", "Huyện ủy Сhợ Mới", forged)
	if code != 0 || !strings.Contains(errOut, "chữ Nga") || !strings.Contains(errOut, "“С”") {
		t.Errorf("export with a Cyrillic С: exit %d %s", code, errOut)
	}
	code, out, _ := run(t, commune, "pack", "import", "-dry-run", forged)
	if code != 0 || !strings.Contains(out, "khác khóa") || !strings.Contains(out, `"С"`) || !strings.Contains(out, "giả tên") {
		t.Errorf("changed key under a lookalike name: exit %d %s", code, out)
	}
}

// TestBackupCommandKeepsTheArchive: `khovanban backup kho/catalog.db` (a
// path typed by mistake) exits 1 saying why, and the archive reads as
// before; before, the catalog was replaced by the zip and every command
// after said the archive was damaged.
func TestBackupCommandKeepsTheArchive(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	dir := filepath.Join(t.TempDir(), "kho")
	if code, out, _ := run(t, dir, "import", writeFiles(t, map[string]string{"kh.txt": planText})); code != 0 {
		t.Fatalf("import: %s", out)
	}
	code, out, errOut := run(t, dir, "backup", filepath.Join(dir, "catalog.db"))
	if code != 1 || !strings.Contains(errOut, "trong thư mục của kho") {
		t.Errorf("backup over the catalog: exit %d %s %s", code, out, errOut)
	}
	if code, out, errOut := run(t, dir, "stats", "-json"); code != 0 || !strings.Contains(out, `"documents": 1`) {
		t.Errorf("after: exit %d %s %s", code, out, errOut)
	}
}

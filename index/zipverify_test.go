package index

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestBackupReadBackBeforeReplacing: a backup is read back once written
// and synced, before it takes the place of the older backup of its name.
// When what the disk gives back is not what was written (cut short, a
// byte of a document's data changed, a byte of its directory changed:
// a stick pulled out, a worn or counterfeit stick), the backup fails
// with ErrNotAsWritten, the older backup is left byte for byte and no
// temporary file is left; written again on a sound disk it is one.
// Before, nothing was read back: the damaged file replaced the good one,
// and the damage was found at the restore, too late.
func TestBackupReadBackBeforeReplacing(t *testing.T) {
	ctx := t.Context()
	a := newTestArchive(t)
	importDocs(t, a, distinctDocs(6, 71))
	dir := t.TempDir()
	target := filepath.Join(dir, "sao-luu.zip")
	if _, err := Backup(ctx, a.Dir(), target, nil); err != nil {
		t.Fatal(err)
	}
	old, err := os.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	importDocs(t, a, distinctDocs(4, 72))
	faults := []struct {
		name  string
		fault func(f *os.File, size int64) error
	}{
		{"cut short", func(f *os.File, size int64) error { return f.Truncate(size * 2 / 3) }},
		{"a byte of the data", func(f *os.File, size int64) error { return flipByte(f, size/3) }},
		{"a byte of the directory", func(f *os.File, size int64) error { return flipByte(f, size-60) }},
	}
	for _, fault := range faults {
		t.Run(fault.name, func(t *testing.T) {
			faulted := false
			bundleWritten = func(f *os.File) {
				st, err := f.Stat()
				if err == nil {
					err = fault.fault(f, st.Size())
				}
				if err != nil {
					t.Fatal(err)
				}
				faulted = true
			}
			_, err := Backup(ctx, a.Dir(), target, nil)
			bundleWritten = nil
			if !faulted {
				t.Fatal("the backup was not given to the fault")
			}
			if !errors.Is(err, ErrNotAsWritten) {
				t.Fatalf("a backup %s once written: %v, want ErrNotAsWritten", fault.name, err)
			}
			if now, _ := os.ReadFile(target); !bytes.Equal(now, old) {
				t.Error("the older backup changed")
			}
			if left, _ := filepath.Glob(filepath.Join(dir, bundleTempPattern)); len(left) != 0 {
				t.Errorf("left: %v", left)
			}
		})
	}
	info, err := Backup(ctx, a.Dir(), target, nil)
	if err != nil {
		t.Fatal(err)
	}
	if info.Documents != 10 {
		t.Errorf("backed up %d documents, want 10", info.Documents)
	}
	b, err := openBundle(target, "backup", defaultBundleLimits())
	if err != nil {
		t.Fatal(err)
	}
	b.close()
}

// flipByte changes the byte of f at off.
func flipByte(f *os.File, off int64) error {
	var b [1]byte
	if _, err := f.ReadAt(b[:], off); err != nil {
		return err
	}
	b[0] ^= 0x55
	_, err := f.WriteAt(b[:], off)
	return err
}

// TestBackupsAndPacksReadableByAll: a backup and a pack are created as
// the person's other files are, readable by all (0644 with the umask
// applied, as a file made here with that mode is), not 0600: a file
// manager copying them to a stick under another account must read them.
func TestBackupsAndPacksReadableByAll(t *testing.T) {
	dir := t.TempDir()
	ref := filepath.Join(dir, "ref")
	f, err := os.OpenFile(ref, os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	st, err := os.Stat(ref)
	if err != nil {
		t.Fatal(err)
	}
	want := st.Mode().Perm()
	a := newTestArchive(t)
	importDocs(t, a, distinctDocs(3, 73))
	backup, pack := filepath.Join(dir, "sao-luu.zip"), filepath.Join(dir, "goi.kvbpack")
	if _, err := Backup(t.Context(), a.Dir(), backup, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := a.ExportPack(t.Context(), Request{}, "Xã Thử", pack, nil); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{backup, pack} {
		st, err := os.Stat(file)
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Mode().Perm(); got != want {
			t.Errorf("%s: mode %v, want %v (a file made 0644 here)", filepath.Base(file), got, want)
		}
	}
}

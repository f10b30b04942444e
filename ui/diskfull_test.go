package ui

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
)

// TestFullDiskAsAnySystemSaysIt: the window takes for a full disk (opens
// the archive to read, says the disk is full) an error that says so only
// in its text, as Bleve's builder leaves it, as well as ENOSPC
// (index.IsDiskFull; Windows' own errnos are tested in index). Before,
// only an error errors.Is took for ENOSPC was.
func TestFullDiskAsAnySystemSaysIt(t *testing.T) {
	for _, err := range []error{
		fmt.Errorf("write index.open: %w", syscall.ENOSPC),
		errors.New("create archive: write D:\\kho\\khovanban-archive.json.tmp: " + syscall.ENOSPC.Error()),
	} {
		if !cannotWrite(err) {
			t.Errorf("%v: not taken for a disk that takes no writes", err)
		}
		if got := readOnlyStripText(err); !strings.Contains(got, "ổ đĩa đã đầy") {
			t.Errorf("%v: strip says %q", err, got)
		}
	}
	if err := (&os.PathError{Op: "open", Path: "x", Err: syscall.EACCES}); !cannotWrite(err) || strings.Contains(readOnlyStripText(err), "đầy") {
		t.Errorf("permission denied: %v %q", cannotWrite(err), readOnlyStripText(err))
	}
}

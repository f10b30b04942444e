package index

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// TestOfficeLookalikeIsChangedKey: the commune has imported a signed pack
// of "Huyện ủy Chợ Mới" (its key remembered). Another archive signs packs
// as that office written so that a screen shows the same name: its
// letters decomposed (NFD), a zero-width space or joiner inside, a
// right-to-left mark, a soft hyphen, other case and spacing. Each is the
// known office with another key (TrustChanged: the person is warned and
// must agree), never an office seen for the first time (TrustNew, taken
// as verified). Before, NFD and the invisible characters made an office
// of their own. A name of different letters is another office.
func TestOfficeLookalikeIsChangedKey(t *testing.T) {
	ctx := context.Background()
	const office = "Huyện ủy Chợ Mới"
	district := newTestArchive(t)
	importDocs(t, district, distinctDocs(1, 4))
	dir := t.TempDir()
	genuine := filepath.Join(dir, "that.kvbpack")
	if _, err := district.ExportPack(ctx, Request{}, office, genuine, nil); err != nil {
		t.Fatal(err)
	}
	commune := newTestArchive(t)
	plan, err := commune.PlanPack(genuine)
	if err != nil || plan.Info.Signer.Trust != TrustNew {
		t.Fatalf("first pack: %v, %v; want TrustNew", plan, err)
	}
	if err := commune.ApplyPack(ctx, plan, nil, nil); err != nil {
		t.Fatal(err)
	}
	if plan, err := commune.PlanPack(genuine); err != nil || plan.Info.Signer.Trust != TrustKnown {
		t.Fatalf("the same office again: %v; want TrustKnown", err)
	}

	forger := newTestArchive(t)
	importDocs(t, forger, distinctDocs(1, 5))
	for name, want := range map[string]Trust{
		norm.NFD.String(office):  TrustChanged,
		"Huyện ủy Chợ\u200b Mới": TrustChanged,
		"Huyện ủy Chợ\u200d Mới": TrustChanged,
		"\u200fHuyện ủy Chợ Mới": TrustChanged,
		"Huyện ủy Ch\u00adợ Mới": TrustChanged,
		"HUYỆN  ỦY\tCHỢ MỚI ":    TrustChanged,
		"Huyện ủy Chợ Mới\u2060": TrustChanged,
		"Huyện ủy Chợ Mới (mới)": TrustNew,
	} {
		file := filepath.Join(dir, "forged.kvbpack")
		os.Remove(file)
		if _, err := forger.ExportPack(ctx, Request{}, name, file, nil); err != nil {
			t.Fatal(err)
		}
		plan, err := commune.PlanPack(file)
		if err != nil {
			t.Fatalf("%q: %v", name, err)
		}
		if got := plan.Info.Signer.Trust; got != want {
			t.Errorf("signed as %q: %s, want %s", name, got, want)
		}
	}
}

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
// of their own. So is the name written with Cyrillic or Greek letters
// that look like Latin ones ("С", "о", "Н", "Ο"…), or full-width and
// bold Latin forms. A name of different letters is another office, seen
// for the first time: TrustLookalike when it holds such letters (the
// person is warned as for a changed key), TrustNew otherwise.
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
		// Letters of other scripts a screen draws the same (Cyrillic
		// "С", "о", "Н", "М", "і", Greek "Ο", "Η"), alone, with the
		// marks written apart, and full-width or bold Latin forms.
		"Huyện ủy Сhợ Mới":             TrustChanged,
		"Hu\u0443ện ủy Chợ Mới":        TrustChanged,
		"Huyện ủy Chо\u031b\u0323 Mới": TrustChanged,
		"Нuyện ủy Chợ Мới":             TrustChanged,
		"Huyện ủy Chợ Mớі":             TrustChanged,
		"ΗUYỆN ỦY CHỢ MỚI":             TrustChanged,
		"HUYỆN ỦY CHỢ MΟ\u031b\u0301I": TrustChanged,
		"Ｈuyện ủy Chợ Mới":             TrustChanged,
		"\U0001d407uyện ủy Chợ Mới":    TrustChanged,
		"Тhị ủy Chợ Mới":               TrustLookalike, // another office, written with a Cyrillic "Т"
		"Thị ủy Chợ Mới":               TrustNew,
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
		if got := plan.Info.Signer.Foreign; want == TrustLookalike && got != "Т" || want == TrustNew && got != "" {
			t.Errorf("signed as %q: foreign letters %q", name, got)
		}
	}
}

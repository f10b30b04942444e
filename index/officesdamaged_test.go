package index

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestDamagedOfficesKeepTrust: the commune knows the key of "Huyện ủy Chợ
// Mới" from a signed pack it imported. Its offices.json is then cut
// short (a failing disk, a copy cut off). A pack another archive signs
// as that office is still a changed key (the person warned), read from
// the file's last good copy, and the genuine office still known; before,
// the damaged file made every office new, and the forged pack was taken
// as verified. With the copy damaged too, no pack is planned (the reason
// said), and applying a pack planned before does not write a new list
// over the damaged one (before, it kept only the forger's key).
func TestDamagedOfficesKeepTrust(t *testing.T) {
	ctx := context.Background()
	const office = "Huyện ủy Chợ Mới"
	dir := t.TempDir()
	commune, genuine, forged := trustingCommune(t, dir, office)
	offices := filepath.Join(commune.Dir(), officesFile)
	whole, err := os.ReadFile(offices)
	if err != nil {
		t.Fatal(err)
	}
	cut := whole[:len(whole)/2]
	writeFile(t, offices, cut)

	trust := func(file string) (Trust, error) {
		p, err := commune.PlanPack(file)
		if err != nil {
			return "", err
		}
		return p.Info.Signer.Trust, nil
	}
	if got, err := trust(forged); err != nil || got != TrustChanged {
		t.Errorf("forged pack with offices.json cut short: %s, %v; want %s", got, err, TrustChanged)
	}
	if got, err := trust(genuine); err != nil || got != TrustKnown {
		t.Errorf("genuine pack with offices.json cut short: %s, %v; want %s", got, err, TrustKnown)
	}

	planned, err := commune.PlanPack(forged)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(commune.Dir(), officesGoodFile), []byte("{\"Huy"))
	if _, err := trust(forged); !errors.Is(err, ErrOfficesDamaged) {
		t.Errorf("forged pack with both copies damaged: %v, want ErrOfficesDamaged", err)
	}
	if err := commune.ApplyPack(ctx, planned, nil, nil); !errors.Is(err, ErrOfficesDamaged) {
		t.Errorf("applying a pack planned before: %v, want ErrOfficesDamaged", err)
	}
	if now, _ := os.ReadFile(offices); !bytes.Equal(now, cut) {
		t.Errorf("the damaged list was written over:\n%s", now)
	}
}

// TestBackupKeepsOfficesTrust: a backup carries the trusted offices as
// the archive reads them. Backed up while its offices.json is cut short,
// the archive restored still knows the genuine office and takes a pack
// another archive signs as it for a changed key (before, the backup held
// only the damaged file, not its good copy, and the archive restored
// could tell no office). Backed up whole, the archive restored has the
// good copy again: its offices.json later cut short, the trust holds.
// With both copies damaged, the damaged file is backed up as it is: the
// archive restored refuses packs (ErrOfficesDamaged) rather than
// knowing no office, which would take the forged pack as a new office's.
func TestBackupKeepsOfficesTrust(t *testing.T) {
	ctx := context.Background()
	const office = "Huyện ủy Chợ Mới"
	dir := t.TempDir()
	commune, genuine, forged := trustingCommune(t, dir, office)
	offices := filepath.Join(commune.Dir(), officesFile)
	whole, err := os.ReadFile(offices)
	if err != nil {
		t.Fatal(err)
	}
	restored := func(name string) *Archive {
		t.Helper()
		file := filepath.Join(dir, name+".zip")
		if _, err := Backup(ctx, commune.Dir(), file, nil); err != nil {
			t.Fatal(err)
		}
		into := filepath.Join(t.TempDir(), name)
		if _, err := RestoreBackup(ctx, file, into, nil); err != nil {
			t.Fatal(err)
		}
		a, err := Open(into, Options{Registry: testRegistry(t)})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { a.Close() })
		return a
	}
	trusts := func(what string, a *Archive, wantForged Trust) {
		t.Helper()
		for file, want := range map[string]Trust{forged: wantForged, genuine: TrustKnown} {
			p, err := a.PlanPack(file)
			if err != nil || p.Info.Signer.Trust != want {
				t.Errorf("%s: %s: %v %v, want %s", what, filepath.Base(file), p, err, want)
			}
		}
	}

	writeFile(t, offices, whole[:len(whole)/2])
	trusts("backed up with offices.json cut short", restored("cut"), TrustChanged)

	writeFile(t, offices, whole)
	a := restored("whole")
	writeFile(t, filepath.Join(a.Dir(), officesFile), whole[:len(whole)/3])
	trusts("restored whole, then offices.json cut short", a, TrustChanged)

	writeFile(t, offices, whole[:len(whole)/2])
	writeFile(t, filepath.Join(commune.Dir(), officesGoodFile), []byte("{\"Huy"))
	if _, err := restored("both").PlanPack(forged); !errors.Is(err, ErrOfficesDamaged) {
		t.Errorf("backed up with both copies damaged: %v, want ErrOfficesDamaged", err)
	}
}

// trustingCommune makes, in dir, a pack a district signs as office
// (genuine) and one another archive signs as the same office (forged),
// and returns an archive that took the genuine pack: it trusts the
// district's key.
func trustingCommune(t *testing.T, dir, office string) (commune *Archive, genuine, forged string) {
	t.Helper()
	ctx := context.Background()
	district := newTestArchive(t)
	importDocs(t, district, distinctDocs(1, 4))
	genuine = filepath.Join(dir, "that.kvbpack")
	if _, err := district.ExportPack(ctx, Request{}, office, genuine, nil); err != nil {
		t.Fatal(err)
	}
	forger := newTestArchive(t)
	importDocs(t, forger, distinctDocs(1, 5))
	forged = filepath.Join(dir, "forged.kvbpack")
	if _, err := forger.ExportPack(ctx, Request{}, office, forged, nil); err != nil {
		t.Fatal(err)
	}
	commune = newTestArchive(t)
	plan, err := commune.PlanPack(genuine)
	if err != nil {
		t.Fatal(err)
	}
	if err := commune.ApplyPack(ctx, plan, nil, nil); err != nil {
		t.Fatal(err)
	}
	return commune, genuine, forged
}

package ui

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"khovanban/index"
	"khovanban/index/classify"
	"khovanban/ui/messages"
)

func TestPackExportAndImport(t *testing.T) {
	from := newHarness(t, true)
	from.search("phongtrao:\"dân vận khéo\"")
	n := from.v.results.total
	if n == 0 {
		t.Fatal("no documents to send")
	}
	file := from.exportPackFile("Ban Dân vận Huyện ủy", nil)

	to := newHarness(t, false)
	pr := to.plannedPack(file)
	if pr.planned.err != nil {
		t.Fatal(pr.planned.err)
	}
	if len(pr.plan.New) != n || !strings.Contains(pr.summary.Text, "Ban Dân vận Huyện ủy") {
		t.Errorf("plan: %d new of %d; %q", len(pr.plan.New), n, pr.summary.Text)
	}
	if pr.warning != nil || !strings.Contains(pr.signer.Text, "hợp lệ") || !strings.Contains(pr.signer.Text, pr.plan.Info.Signer.Fingerprint) {
		t.Errorf("signed pack: warning %v, signer %q", pr.warning != nil, pr.signer.Text)
	}
	adds := 0
	for _, l := range pr.lines {
		if strings.HasPrefix(l, "Thêm mới: ") {
			adds++
		}
	}
	if adds != n {
		t.Errorf("%d “Thêm mới” lines for %d new documents: %q", adds, n, pr.lines)
	}
	pr.onApply()
	to.settle(func() bool { return closed(pr.applied.done) && to.idle() && to.v.results.total == n })

	// The same pack without its signature: a warning comes first, and the
	// plan only after the person goes on.
	unsigned := stripSignature(t, file)
	pr = to.plannedPack(unsigned)
	if pr.planned.err != nil || pr.warning == nil || pr.dialog != nil {
		t.Fatalf("unsigned pack: %v, warning %v, review shown %v", pr.planned.err, pr.warning != nil, pr.dialog != nil)
	}
	pr.onWarningAnswer(true)
	if pr.dialog == nil || !strings.Contains(pr.signer.Text, "Không có chữ ký") || len(pr.lines) != n || !strings.HasPrefix(pr.lines[0], "Giữ nguyên") {
		t.Errorf("after the warning: %q %q", pr.signer.Text, pr.lines)
	}
}

// TestPackWithNothingNew: a pack whose documents are all here already,
// the same, says that it brings nothing new and offers no import, only a
// way to close (usertest s25: "Nhập gói" was offered, for nothing); a
// pack with something new still offers it.
func TestPackWithNothingNew(t *testing.T) {
	from := newHarness(t, true)
	file := from.exportPackFile("Ban Dân vận Huyện ủy", nil)
	to := newHarness(t, false)
	buttons := func(pr *packReview) string {
		to.settle(func() bool { return closed(pr.planned.done) && pr.dialog != nil })
		top := to.win.Canvas().Overlays().Top()
		if top == nil {
			t.Fatal("no review shown")
		}
		return strings.Join(allTexts(t, top), " | ")
	}
	pr := to.v.planPack(file)
	if got := buttons(pr); pr.apply == nil || strings.Contains(got, "không có gì mới") {
		t.Fatalf("a pack of new documents: %q", got)
	}
	pr.onApply()
	to.settle(func() bool { return closed(pr.applied.done) && to.idle() })
	for to.win.Canvas().Overlays().Top() != nil {
		to.win.Canvas().Overlays().Remove(to.win.Canvas().Overlays().Top())
	}
	pr = to.v.planPack(file)
	got := buttons(pr)
	if pr.apply != nil || strings.Contains(got, "Hủy") {
		t.Errorf("a pack with nothing new offers the import: %q", got)
	}
	if !strings.Contains(got, "không có gì mới") || !strings.Contains(got, "Đóng") {
		t.Errorf("a pack with nothing new does not say so: %q", got)
	}
	// Enter closes it, importing nothing.
	to.s.keys.typed(to.win.Canvas(), &fyne.KeyEvent{Name: fyne.KeyReturn})
	if to.win.Canvas().Overlays().Top() != nil || closed(pr.applied.done) {
		t.Errorf("Enter: review still shown %v, import run %v", to.win.Canvas().Overlays().Top() != nil, closed(pr.applied.done))
	}
}

// exportPackFile exports to a new pack file, as office, the documents
// ids (nil: those the search shows) and returns the file.
func (h *harness) exportPackFile(office string, ids []string) string {
	h.t.Helper()
	file := filepath.Join(h.t.TempDir(), "goi"+packExt)
	j := h.v.exportPack(office, file, ids)
	h.settle(func() bool { return closed(j.done) })
	if j.err != nil {
		h.t.Fatal(j.err)
	}
	return file
}

// plannedPack opens the pack file for import and waits for its plan.
func (h *harness) plannedPack(file string) *packReview {
	pr := h.v.planPack(file)
	h.settle(func() bool { return closed(pr.planned.done) })
	return pr
}

// stripSignature copies a pack without its signature and signer, the
// manifest otherwise the same.
func stripSignature(t *testing.T, file string) string {
	t.Helper()
	data, _ := os.ReadFile(file)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		switch f.Name {
		case "signature.json":
		case "manifest.json":
			rc, _ := f.Open()
			d, _ := io.ReadAll(rc)
			rc.Close()
			var m map[string]any
			json.Unmarshal(d, &m)
			delete(m, "signer")
			d, _ = json.Marshal(m)
			w, _ := zw.Create(f.Name)
			w.Write(d)
		default:
			zw.Copy(f)
		}
	}
	zw.Close()
	out := filepath.Join(t.TempDir(), "khong-ky"+packExt)
	os.WriteFile(out, buf.Bytes(), 0o644)
	return out
}

func TestBundleMessages(t *testing.T) {
	for _, c := range []struct {
		err  error
		want []string
	}{
		{&index.BundleError{File: "b.zip", Entry: "docs/ab/x.json", Reason: index.BundleTooLarge, Limit: 256 << 20}, []string{"b.zip", "docs/ab/x.json", "256 MB", "Không có gì bị thay đổi"}},
		{&index.BundleError{File: "g.kvbpack", Entry: "docs/00/y.json", Reason: index.BundleBadDocument}, []string{"docs/00/y.json", "không khớp nhau"}},
		{&index.BackupMissingError{Docs: []index.MissingOriginal{{ID: "0123456789abcdef", Title: "Kế hoạch 12"}}}, []string{"Chưa sao lưu", "1 văn bản", "Kế hoạch 12", "0123456789abcdef"}},
	} {
		got := messages.Error(c.err)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%v: %q lacks %q", c.err, got, w)
			}
		}
	}
}

// TestPackOfTickedDocuments: with results ticked, the pack dialog offers
// them (the default, said in its sentence too), and the pack holds only
// them (usertest finding 44).
func TestPackOfTickedDocuments(t *testing.T) {
	h := newHarness(t, true)
	h.search("")
	r := h.v.results
	if r.total < 5 {
		t.Fatalf("%d samples", r.total)
	}
	r.mark(3, true, false)
	r.mark(1, true, false)
	h.v.onExportPack()
	texts := strings.Join(allTexts(t, h.win.Canvas().Overlays().Top()), " ")
	if !strings.Contains(texts, "2 văn bản đã chọn") || !strings.Contains(texts, "Gói sẽ chứa 2 văn bản đã chọn") {
		t.Errorf("the dialog does not offer the ticked ones: %q", texts)
	}
	clearOverlays(h.win)
	var ids []string
	for _, s := range r.markedInOrder() {
		ids = append(ids, s.ID)
	}
	file := h.exportPackFile("Xã Tân Hòa", ids)
	plan, err := h.arc.PlanPack(file)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Info.Documents != 2 {
		t.Errorf("the pack holds %d documents for 2 ticked", plan.Info.Documents)
	}
	for _, id := range ids {
		if !slices.ContainsFunc(slices.Concat(plan.New, plan.Same), func(s index.Summary) bool { return s.ID == id }) {
			t.Errorf("%s ticked is not in the pack", id)
		}
	}
}

// TestPackReviewSaysItWhole: the review shows both sides of a conflict
// whole, not cut to a few words, and counts its document as differing,
// not as "giống hệt"; it names the campaigns the pack adds; the end
// message says which side was kept, and counts documents (usertest s13:
// values cut to ~17 characters, the same end message whether the person
// kept or replaced, a new campaign unnamed).
func TestPackReviewSaysItWhole(t *testing.T) {
	from := newHarness(t, true)
	d := from.openFirst("so:45/KH-UBND")
	ctx := t.Context()
	campaign := "3 không - 3 cần - 3 quyết tâm"
	err := from.arc.ChangeRegistry(ctx, index.RegistryOp{Op: index.OpAdd, Kind: classify.Campaign, Category: classify.Category{
		Name: campaign, Kind: classify.Campaign, Rules: []classify.Rule{{Kind: classify.Phrase, Terms: []string{"khongcotu"}}}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	theirs := "Kế hoạch tổ chức các hoạt động kỷ niệm ngày thành lập Mặt trận Dân tộc Thống nhất Việt Nam và Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư năm 2025"
	if _, err := from.arc.Edit(d.ID, map[string]string{index.FieldTitle: theirs, index.FieldCampaigns: campaign}); err != nil {
		t.Fatal(err)
	}
	file := from.exportPackFile("Ban Dân vận Huyện ủy", []string{d.ID})

	to := newHarness(t, true)
	local := "Kế hoạch tổ chức các hoạt động kỷ niệm ngày thành lập Mặt trận Dân tộc Thống nhất Việt Nam năm 2025 (bản xã sửa)"
	if _, err := to.arc.Edit(d.ID, map[string]string{index.FieldTitle: local}); err != nil {
		t.Fatal(err)
	}
	for _, take := range []bool{false, true} {
		pr := to.plannedPack(file)
		if pr.planned.err != nil || pr.dialog == nil || len(pr.plan.Conflicts) != 1 {
			t.Fatalf("plan: %v, shown %v, conflicts %+v", pr.planned.err, pr.dialog != nil, pr.plan.Conflicts)
		}
		texts := strings.Join(allTexts(t, to.win.Canvas().Overlays().Top()), "\n")
		wants := []string{"Máy này: " + local, "Nơi gửi: " + theirs, "Hai nơi sửa khác nhau: 1"}
		newCampaign := "Phong trào mới: “" + campaign + "”"
		if !take { // the first import adds it
			wants = append(wants, newCampaign)
		}
		for _, want := range wants {
			if !strings.Contains(strings.ReplaceAll(texts, "\n", " "), want) {
				t.Errorf("the review lacks %q:\n%s", want, texts)
			}
		}
		if slices.ContainsFunc(pr.lines, func(l string) bool { return strings.HasPrefix(l, "Giữ nguyên") }) {
			t.Errorf("the differing document is said to be the same: %q", pr.lines)
		}
		pr.theirs[0].SetChecked(take)
		pr.onApply()
		to.settle(func() bool { return closed(pr.applied.done) && to.idle() })
		end := strings.Join(allTexts(t, to.win.Canvas().Overlays().Top()), " ")
		want := []string{"lấy theo nơi gửi 0, giữ của máy này 1", "cập nhật 1 văn bản", newCampaign}
		if take {
			want = []string{"lấy theo nơi gửi 1, giữ của máy này 0", "cập nhật 1 văn bản"}
		}
		for _, w := range want {
			if !strings.Contains(end, w) {
				t.Errorf("take %v: the end says %q, want %q", take, end, w)
			}
		}
		clearOverlays(to.win)
	}
	got, err := to.arc.Get(d.ID)
	if err != nil || got.Title != theirs {
		t.Errorf("after taking the sender's: %q (%v)", got.Title, err)
	}
}

// TestOwnOfficeNameInTheWindow: the export dialog checks the sender's
// name as receiving archives check it: one with a direction override
// (kept from an earlier session) leaves "Chọn nơi lưu…" greyed, with the
// reason under the field, until it is typed again; one with a Cyrillic
// "С" asks first, naming the letter, and goes on only if the person keeps
// it. A pack signed with another key under a lookalike of a known name:
// the warning and the review name the letters.
func TestOwnOfficeNameInTheWindow(t *testing.T) {
	h := newHarness(t, false)
	h.v.s.app.Preferences().SetString(prefOffice, "Xã A\u202eB")
	h.v.onExportPack()
	form := h.win.Canvas().Overlays().Top()
	save := findButton(t, form, "Chọn nơi lưu…")
	if !save.Disabled() {
		t.Error("a name with a direction override: the export can go on")
	}
	if texts := strings.Join(allTexts(t, form), " "); !strings.Contains(texts, "đảo chiều chữ") {
		t.Errorf("the reason is not shown: %q", texts)
	}
	var office *dialogEntry
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *dialogEntry:
			office = x
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(t, x).Objects() {
				walk(c)
			}
		}
	}
	walk(form)
	if office == nil {
		t.Fatal("no office field")
	}
	office.SetText("Xã Tân Hòa")
	if save.Disabled() {
		t.Error("a name typed again: the export stays greyed")
	}
	h.win.Canvas().Overlays().Remove(form)

	went := false
	h.v.confirmOfficeName("Xã Tân Hòa", func() { went = true })
	if !went || h.win.Canvas().Overlays().Top() != nil {
		t.Fatal("a Vietnamese name: asked, or did not go on")
	}
	went = false
	h.v.confirmOfficeName("Huyện ủy Сhợ Mới", func() { went = true })
	ask := h.win.Canvas().Overlays().Top()
	if went || ask == nil || !strings.Contains(strings.Join(allTexts(t, ask), " "), "“С”") {
		t.Fatalf("a Cyrillic С: went on %v, asked %v", went, ask != nil)
	}
	test.Tap(findButton(t, ask, "Vẫn dùng tên này"))
	if !went {
		t.Error("the name kept: the export did not go on")
	}

	s := index.Signer{Office: "Huyện ủy Сhợ Mới", Trust: index.TrustChanged, Foreign: "С", Fingerprint: "68df ef65 408d d8a6"}
	if got := signerText(s); !strings.Contains(got, "“С”") {
		t.Errorf("review of a changed key under a lookalike name: %q", got)
	}
	pr := &packReview{v: h.v, plan: &index.PackPlan{Info: index.PackInfo{Signer: s}}}
	pr.warn()
	if texts := strings.Join(allTexts(t, h.win.Canvas().Overlays().Top()), " "); !strings.Contains(texts, "“С”") || !strings.Contains(texts, "khác khóa") {
		t.Errorf("warning of a changed key under a lookalike name: %q", texts)
	}
}

// TestAppliedTextCounts: what a pack's import did puts the files beside
// the documents they make up and says nothing of no document updated, in
// both languages (usertest s28, under Xvfb in English: "Added 59 (60
// files) new documents, updated 0.").
func TestAppliedTextCounts(t *testing.T) {
	t.Cleanup(func() { messages.UseLanguage(messages.Vietnamese) })
	twins := []index.Summary{{ID: "a"}, {ID: "b", TwinOf: "a"}, {ID: "c"}}
	for _, c := range []struct {
		lang    string
		plan    index.PackPlan
		want    string
		without string
	}{
		{"vi", index.PackPlan{New: twins}, "Đã thêm 2 văn bản mới (3 tệp).", "cập nhật"},
		{"vi", index.PackPlan{New: twins[2:], Updated: []index.Summary{{ID: "d"}}}, "Đã thêm 1 văn bản mới, cập nhật 1 văn bản.", "tệp"},
		{"en", index.PackPlan{New: twins}, "Added 2 new documents (3 files).", "updated"},
		{"en", index.PackPlan{New: twins[2:], Updated: []index.Summary{{ID: "d"}}}, "Added 1 new document, updated 1.", "files"},
	} {
		messages.UseLanguage(c.lang)
		got := appliedText(&c.plan, nil)
		if !strings.HasPrefix(got, c.want) || strings.Contains(got, c.without) {
			t.Errorf("%s: %q, want %q without %q", c.lang, got, c.want, c.without)
		}
	}
}

package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
)

// longLaw is a law or plan of about size bytes as a clerk receives it:
// numbered articles, paragraphs of one to a dozen lines, and the words of
// lawQuery in about one paragraph of fifteen.
func longLaw(size int) string {
	words := strings.Fields("các cơ quan đơn vị địa phương có trách nhiệm tổ chức triển khai thực hiện nghiêm túc hiệu quả nội dung kế hoạch này bảo đảm đúng tiến độ chất lượng yêu cầu đề ra trong đó tập trung vào công tác tuyên truyền vận động quần chúng nhân dân tham gia xây dựng nông thôn mới đô thị văn minh hàng năm báo cáo kết quả về ban chỉ đạo")
	var b strings.Builder
	b.WriteString("ỦY BAN NHÂN DÂN TỈNH AN GIANG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nKẾ HOẠCH\nThực hiện phong trào thi đua giai đoạn 2026-2030\n\n")
	w := 0
	for p := 0; b.Len() < size; p++ {
		if p%12 == 0 {
			fmt.Fprintf(&b, "\nĐiều %d. Nhiệm vụ và giải pháp\n", p/12+1)
		}
		if p%15 == 7 {
			b.WriteString("Người đứng đầu phải nêu gương trong việc ")
		}
		for range 12 + (p*37)%160 {
			b.WriteString(words[w%len(words)])
			w++
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "(khoản %d).\n", p)
	}
	return b.String()
}

// lawQuery is the query longLaw's marks are for.
const lawQuery = "nêu gương"

// openLaw opens a law of size bytes in a window of the size given.
func openLaw(t *testing.T, size int, win fyne.Size) (*harness, *reader) {
	t.Helper()
	h := newHarness(t, false)
	h.win.Resize(win)
	h.importTexts(map[string]string{"ke-hoach.txt": longLaw(size)})
	h.openFirst(lawQuery)
	return h, h.v.reader
}

// TestLongDocumentLaidOutWhereSeen: a law of 300 KB or 1 MB opens with only the
// blocks in sight laid out, not its whole text (session 10: opening one
// froze the window 15-45 s, every block laid out on the UI goroutine);
// what is shown is the text whole, one block under the other, none cut,
// through next and previous match, the ends of the text and a larger
// text size.
func TestLongDocumentLaidOutWhereSeen(t *testing.T) {
	for _, c := range []struct {
		win  fyne.Size
		size int
	}{{fyne.NewSize(1024, 768), 300_000}, {fyne.NewSize(1366, 768), 1 << 20}} {
		t.Run(fmt.Sprintf("%.0fx%.0f", c.win.Width, c.win.Height), func(t *testing.T) {
			h, r := openLaw(t, c.size, c.win)
			p := r.body
			t.Logf("%d bytes in %d blocks, %d marks: %d blocks laid out, %d shown", len(r.doc.Text), len(p.blocks), len(r.marks), p.laidOut, len(p.shown))
			if len(p.blocks) < c.size/2000 || len(r.marks) < c.size/10000 { // matches: the query's words side by side are one
				t.Fatalf("%d blocks, %d marks: not the long law meant", len(p.blocks), len(r.marks))
			}
			if p.laidOut > 30 {
				t.Errorf("opening laid out %d of %d blocks", p.laidOut, len(p.blocks))
			}
			checkPaged(t, r, true)
			at := r.current
			for i := range 12 {
				test.Tap(r.next)
				if want := (at + i + 1) % len(r.marks); r.current != want {
					t.Fatalf("next: match %d, want %d", r.current, want)
				}
				checkPaged(t, r, true)
			}
			for range 13 {
				test.Tap(r.prev)
			}
			if r.current != at-1 && !(at == 0 && r.current == len(r.marks)-1) {
				t.Errorf("back past the first: match %d of %d", r.current, len(r.marks))
			}
			checkPaged(t, r, true)

			r.text.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
			if last := p.shown[len(p.shown)-1].block; last != len(p.blocks)-1 || r.scroll.Offset.Y+r.scroll.Size().Height < p.height()-1 {
				t.Errorf("End: text at %.0f of %.0f (%.0f shown), block %d of %d last shown", r.scroll.Offset.Y, p.height(), r.scroll.Size().Height, last, len(p.blocks))
			}
			checkPaged(t, r, false)
			r.text.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
			if r.scroll.Offset.Y != 0 || p.shown[0].block != 0 {
				t.Errorf("Home: text at %.0f, block %d first shown", r.scroll.Offset.Y, p.shown[0].block)
			}
			checkPaged(t, r, false)

			// A larger text size keeps the block read at the top of the
			// screen.
			for range 8 {
				r.text.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
			}
			top := p.blockAt(r.scroll.Offset.Y)
			r.onZoom(0.3)
			if got := p.blockAt(r.scroll.Offset.Y); got != top {
				t.Errorf("A+: block %d at the top, was %d", got, top)
			}
			checkPaged(t, r, false)
			t.Logf("after all: %d blocks laid out, %d views made", p.laidOut, len(p.shown)+len(p.free))
			_ = h
		})
	}
}

// checkPaged fails t unless the reader shows its text whole where it is
// scrolled to: the blocks in sight laid out, each at its place, one under
// the other with no gap or overlap, none cut, its lines inside the width,
// holding its part of the text; the current match in view and marked as
// such, no other (atMatch: unless the person scrolled away from it).
func checkPaged(t *testing.T, r *reader, atMatch bool) {
	t.Helper()
	p := r.body
	off, view := r.scroll.Offset.Y, r.scroll.Size().Height
	if len(p.shown) == 0 {
		t.Fatal("no block shown")
	}
	if p.Size().Height < p.height() {
		t.Errorf("the text is %.0f high in a content of %.0f", p.height(), p.Size().Height)
	}
	if first := p.blocks[p.shown[0].block]; first.y > off+0.5 {
		t.Errorf("nothing shown from %.0f to %.0f", off, first.y)
	}
	if last := p.blocks[p.shown[len(p.shown)-1].block]; last.y+last.h < min(off+view, p.height())-0.5 {
		t.Errorf("nothing shown from %.0f to %.0f", last.y+last.h, off+view)
	}
	gap := p.gauge().gap
	errorMarks := 0
	for i, v := range p.shown {
		b := p.blocks[v.block]
		if i > 0 {
			prev := p.blocks[p.shown[i-1].block]
			if v.block != p.shown[i-1].block+1 || b.y != prev.y+prev.h+gap {
				t.Errorf("block %d at %.0f follows block %d at %.0f+%.0f", v.block, b.y, p.shown[i-1].block, prev.y, prev.h)
			}
		}
		if !b.sure || v.over.Position().Y != b.y || v.over.Size() != fyne.NewSize(p.width, b.h) || v.rt.Size() != v.over.Size() {
			t.Errorf("block %d (%.0f+%.0f, measured %v) shown at %v, %v", v.block, b.y, b.h, b.sure, v.over.Position(), v.rt.Size())
		}
		if minH := v.rt.MinSize().Height; minH > b.h+0.5 {
			t.Errorf("block %d cut: %.0f of its %.0f shown", v.block, b.h, minH)
		}
		want := strings.TrimRight(tabsToSpaces(vntextSafe(r.doc.Text[b.start:b.end])), "\n")
		// Rows wrapped by the reader end in a line end where a space was.
		if got := strings.ReplaceAll(v.rt.String(), zeroWidthSpace, ""); strings.ReplaceAll(got, "\n", " ") != strings.ReplaceAll(want, "\n", " ") {
			t.Errorf("block %d shows %d bytes of its %d", v.block, len(got), len(want))
		}
		for _, o := range test.TempWidgetRenderer(t, v.rt).Objects() {
			if txt, ok := o.(*canvas.Text); ok && txt.Position().X+txt.MinSize().Width > p.width+1 {
				t.Errorf("block %d: a line runs past the width (%.0f+%.0f of %.0f): %q", v.block, txt.Position().X, txt.MinSize().Width, p.width, txt.Text)
				break
			}
		}
		for _, s := range v.rt.Segments {
			if ts := s.(*widget.TextSegment); ts.Style.ColorName == theme.ColorNameError {
				errorMarks++
			}
		}
		// Only the blocks in sight are drawn: Fyne draws a picture of
		// every line in the window's tree, on screen or not (usertest s22).
		drawn := slices.Contains(test.TempWidgetRenderer(t, p).Objects(), fyne.CanvasObject(v.over))
		if inSight := b.y+b.h > off && b.y < off+view; drawn != inSight || !v.over.Visible() {
			t.Errorf("block %d (%.0f+%.0f) drawn %v (visible %v) with the text shown from %.0f to %.0f", v.block, b.y, b.h, drawn, v.over.Visible(), off, off+view)
		}
	}
	switch {
	case !atMatch:
		if errorMarks > 1 {
			t.Errorf("%d parts marked as the current match", errorMarks)
		}
	case !matchInView(r):
		t.Errorf("match %d out of view (text at %.0f)", r.current, off)
	case errorMarks != 1:
		t.Errorf("%d parts marked as the current match", errorMarks)
	}
}

// TestCutBlocks: blocks end at line ends, or at a space in a line longer
// than maxBlockBytes (a saved page with no line ends), or inside a word
// with no space (never inside a character); together they are the text.
func TestCutBlocks(t *testing.T) {
	for name, text := range map[string]string{
		"empty":     "",
		"short":     "KẾ HOẠCH\nVề việc nêu gương\n",
		"law":       longLaw(50_000),
		"one line":  strings.Repeat("người đứng đầu phải nêu gương ", 2000),
		"no spaces": strings.Repeat("ệ", 20_000),
	} {
		blocks := cutBlocks(text)
		at := 0
		for i, b := range blocks {
			if b.start != at || b.end <= b.start || b.end-b.start > maxBlockBytes {
				t.Fatalf("%s: block %d is [%d, %d) after %d", name, i, b.start, b.end, at)
			}
			s := text[b.start:b.end]
			if !utf8.ValidString(s) {
				t.Errorf("%s: block %d cut inside a character", name, i)
			}
			if b.end < len(text) && !strings.HasSuffix(s, "\n") && !strings.HasSuffix(s, " ") && name != "no spaces" {
				t.Errorf("%s: block %d ends inside a word: %q", name, i, s[max(0, len(s)-20):])
			}
			if n := len(strings.Split(strings.TrimRight(s, "\n"), "\n")); n != len(b.lines) {
				t.Errorf("%s: block %d has %d lines, %d counted", name, i, n, len(b.lines))
			}
			at = b.end
		}
		if at != len(text) {
			t.Errorf("%s: blocks end at %d of %d", name, at, len(text))
		}
	}
}

// TestMarkAcrossBlocks: a phrase cut by the end of a block (a page saved
// in one line) is marked in both blocks, and its match is scrolled to.
func TestMarkAcrossBlocks(t *testing.T) {
	// The first block ends at the space inside "nêu gương".
	text := strings.Repeat("a", maxBlockBytes-10) + " nêu gương " + strings.Repeat("đảng viên ", 3000)
	h := newHarness(t, false)
	h.importTexts(map[string]string{"trang.htm.txt": text})
	h.openFirst(`"nêu gương"`)
	r := h.v.reader
	p := r.body
	if len(r.marks) != 1 {
		t.Fatalf("%d marks", len(r.marks))
	}
	m := r.marks[0]
	if a, b := p.blockOf(m.Start), p.blockOf(m.End-1); a == b {
		t.Fatalf("the mark [%d, %d) lies inside block %d [%d, %d)", m.Start, m.End, a, p.blocks[a].start, p.blocks[a].end)
	}
	var marked []string
	for _, v := range p.shown {
		for _, s := range v.rt.Segments {
			if ts := s.(*widget.TextSegment); ts.Style.ColorName == theme.ColorNameError {
				marked = append(marked, strings.TrimSpace(strings.ReplaceAll(ts.Text, zeroWidthSpace, "")))
			}
		}
	}
	if strings.Join(marked, " ") != "nêu gương" {
		t.Errorf("marked %q", marked)
	}
	if !matchInView(r) {
		t.Error("the match is out of view")
	}
}

// BenchmarkOpenLongLaw is the CPU of opening laws of 1 MB and 5 MB,
// and of moving to the next match in them.
func BenchmarkOpenLongLaw(b *testing.B) {
	for _, size := range []int{1 << 20, 5 << 20} {
		b.Run(fmt.Sprintf("%dMB", size>>20), func(b *testing.B) {
			h := newHarness(b, false)
			h.importTexts(map[string]string{"ke-hoach.txt": longLaw(size)})
			h.search(lawQuery)
			var open, next time.Duration
			for b.Loop() {
				h.v.reader.clear()
				c := cpuTime(b)
				h.v.results.openSelected()
				h.settle(func() bool { return h.v.reader.doc != nil })
				c2 := cpuTime(b)
				for range 10 {
					h.v.reader.onMatch(1)
				}
				open, next = open+c2-c, next+cpuTime(b)-c2
			}
			b.ReportMetric(float64(open.Milliseconds())/float64(b.N), "open-cpu-ms")
			b.ReportMetric(float64(next.Milliseconds())/float64(b.N)/10, "next-cpu-ms")
		})
	}
}

// TestWrapSpaces: the reader's own wrapping keeps every byte but the
// spaces it turns into line ends, keeps each row within the width (words
// of a mark measured bold), and gives up on a word wider than a row.
func TestWrapSpaces(t *testing.T) {
	test.NewTempApp(t)
	w := newWordWidths(theme.TextSize())
	text := "Người đứng đầu cấp ủy, chính quyền phải nêu gương trong việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.\n\n    Thụt đầu dòng rồi viết tiếp một câu dài để thấy hàng được ngắt đúng chỗ có dấu cách."
	marks := []index.Range{{Start: strings.Index(text, "nêu"), End: strings.Index(text, "gương") + len("gương")}}
	for _, width := range []float32{120, 200, 333, 600, 5000} {
		b := []byte(text)
		if !wrapSpaces(b, marks, width, w) {
			t.Fatalf("%.0f: not wrapped", width)
		}
		for i := range b {
			if b[i] != text[i] && (text[i] != ' ' || b[i] != '\n') {
				t.Fatalf("%.0f: byte %d changed from %q to %q", width, i, text[i], b[i])
			}
		}
		at := 0
		for row := range strings.SplitSeq(string(b), "\n") {
			// As drawn: the mark's part of the row bold, the rest plain.
			m := marks[0]
			from, to := min(max(m.Start-at, 0), len(row)), min(max(m.End-at, 0), len(row))
			x := fyne.MeasureText(row[:from], w.size, fyne.TextStyle{}).Width +
				fyne.MeasureText(row[from:to], w.size, fyne.TextStyle{Bold: true}).Width +
				fyne.MeasureText(row[to:], w.size, fyne.TextStyle{}).Width
			if x > width && strings.Contains(strings.TrimSpace(row), " ") {
				t.Errorf("%.0f: row %q is %.0f wide", width, row, x)
			}
			at += len(row) + 1
		}
		if width == 5000 && strings.Count(string(b), "\n") != 2 {
			t.Errorf("wide enough, yet rows cut: %q", b)
		}
	}
	if wrapSpaces([]byte("xem https://thutuc.dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=1.001234"), nil, 150, w) {
		t.Error("a link wider than the row was wrapped")
	}
}

// TestNextMatchInSightStaysPut: next and previous match do not move the
// text when the match they reach is already in sight, as a browser's find
// does; the match is still drawn as the current one. One out of sight is
// scrolled to (usertest s22: each press scrolled, the match jumping to a
// third of the way down, every block in sight drawn anew).
func TestNextMatchInSightStaysPut(t *testing.T) {
	var b strings.Builder
	b.WriteString("KẾ HOẠCH\nVề việc học tập và làm theo\n\n")
	for i := range 80 { // the matches well below the top, which would stop a scroll
		fmt.Fprintf(&b, "Mục %d: phổ biến, quán triệt đến toàn thể cán bộ.\n", i)
	}
	for i := range 4 {
		fmt.Fprintf(&b, "%d. Cán bộ, đảng viên phải nêu gương trong công tác.\n", i+1)
	}
	for i := range 400 {
		fmt.Fprintf(&b, "Đoạn %d: các cơ quan, đơn vị tổ chức triển khai thực hiện nghiêm túc, hiệu quả nội dung kế hoạch này.\n", i)
	}
	b.WriteString("Người đứng đầu nêu gương trước.\n")
	h := newHarness(t, false)
	h.win.Resize(fyne.NewSize(1366, 768))
	h.importTexts(map[string]string{"ke-hoach.txt": b.String()})
	h.openFirst(lawQuery)
	r := h.v.reader
	if len(r.marks) != 5 || r.current != 0 {
		t.Fatalf("%d matches, at %d", len(r.marks), r.current)
	}
	current := func() string {
		var marked []string
		for _, v := range r.body.shown {
			for _, s := range v.rt.Segments {
				if ts := s.(*widget.TextSegment); ts.Style.ColorName == theme.ColorNameError {
					marked = append(marked, strings.TrimSpace(strings.ReplaceAll(ts.Text, zeroWidthSpace, "")))
				}
			}
		}
		return strings.Join(marked, " ")
	}
	line := func() string {
		m := r.marks[r.current]
		start := strings.LastIndexByte(r.doc.Text[:m.Start], '\n') + 1
		return r.doc.Text[start:m.Start]
	}
	at := r.scroll.Offset.Y
	for i := 1; i < 4; i++ {
		test.Tap(r.next)
		if r.current != i || !matchInView(r) {
			t.Fatalf("next: match %d (in view %v), want %d", r.current, matchInView(r), i)
		}
		if r.scroll.Offset.Y != at {
			t.Errorf("next to match %d (%q), in sight: the text moved from %.0f to %.0f", i, line(), at, r.scroll.Offset.Y)
		}
		if got := current(); got != "nêu gương" || !strings.HasPrefix(line(), fmt.Sprint(i+1, ".")) {
			t.Errorf("match %d: the current mark is %q on %q", i, got, line())
		}
	}
	test.Tap(r.next) // the last, pages below
	if r.current != 4 || !matchInView(r) || r.scroll.Offset.Y <= at {
		t.Errorf("next to the last match, out of sight: match %d, in view %v, text at %.0f", r.current, matchInView(r), r.scroll.Offset.Y)
	}
	below := r.scroll.Offset.Y
	test.Tap(r.prev) // back to the fourth, pages above
	if r.current != 3 || !matchInView(r) || r.scroll.Offset.Y >= below {
		t.Errorf("previous, out of sight: match %d, in view %v, text at %.0f", r.current, matchInView(r), r.scroll.Offset.Y)
	}
	checkPaged(t, r, true)
}

// TestF3StepsThroughMatches: F3 goes to the open document's next match
// and Shift+F3 to the previous one, from the text, the search box or
// nothing with the keyboard, as in a browser or Word (the arrows beside
// the text took the mouse only); over a dialog they do nothing.
func TestF3StepsThroughMatches(t *testing.T) {
	h := newHarness(t, true)
	h.openFirst("nêu gương")
	r := h.v.reader
	c := h.win.Canvas()
	n := len(r.marks)
	if n < 2 || r.current != 0 {
		t.Fatalf("%d matches, at %d", len(r.marks), r.current)
	}
	f3 := &fyne.KeyEvent{Name: fyne.KeyF3}
	shift := fyne.KeyModifier(0)
	h.s.keyModifiers = func() fyne.KeyModifier { return shift }
	for _, c2 := range []struct {
		where string
		shift bool
		want  int
	}{
		{"text", false, 1},
		{"search box", false, 2 % n},
		{"nothing", false, 3 % n},
		{"search box", true, 2 % n},
		{"text", true, 1},
	} {
		shift = 0
		if c2.shift {
			shift = fyne.KeyModifierShift
		}
		switch c2.where {
		case "text":
			c.Focus(r.text)
		case "search box":
			c.Focus(h.v.search.entry)
		default:
			c.Unfocus()
		}
		if f := c.Focused(); f != nil {
			f.TypedKey(f3)
		} else {
			c.OnTypedKey()(f3)
		}
		if r.current != c2.want || h.v.search.entry.Text != "nêu gương" {
			t.Errorf("F3 (shift %v) in the %s: match %d, want %d; search box %q", c2.shift, c2.where, r.current, c2.want, h.v.search.entry.Text)
		}
	}
	shift = 0
	r.onEdit()
	h.settle(func() bool { return c.Overlays().Top() != nil })
	at := r.current
	c.OnTypedKey()(f3)
	if r.current != at {
		t.Errorf("F3 over the edit form moved to match %d", r.current)
	}
}

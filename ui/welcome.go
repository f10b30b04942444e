package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// welcome greets the person on an empty archive: what the program does,
// the sample documents to try, and how to import their own.
type welcome struct {
	v       *view
	samples *tabButton
	obj     fyne.CanvasObject
	// buttons are where Tab goes after the search box (focus.go): with
	// Fyne's order alone Tab went round the search box and the toolbar,
	// and no key reached them.
	buttons []*tabButton
}

func newWelcome(v *view) *welcome {
	return &welcome{v: v}
}

func (w *welcome) content() fyne.CanvasObject {
	if w.obj != nil {
		return w.obj
	}
	v := w.v
	title := widget.NewLabelWithStyle(lang.L("Chào mừng đến với Kho Văn Bản Phong Trào"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	intro := widget.NewLabel(lang.L("Nơi lưu giữ nghị quyết, chỉ thị, kế hoạch, báo cáo của các phong trào và cuộc vận động. Văn bản được xếp theo phong trào, năm, chủ đề, loại và cơ quan ban hành; tìm được ngay cả khi gõ không dấu. Mọi thứ nằm trên máy này, không cần mạng."))
	intro.Wrapping = fyne.TextWrapWord
	intro.Alignment = fyne.TextAlignCenter
	w.samples = newTabButton(lang.L("Thử với văn bản mẫu"), theme.DocumentIcon(), v.onImportSamples)
	w.samples.Importance = widget.HighImportance
	files := newTabButton(lang.L("Nhập tệp…"), theme.FileIcon(), v.onImportFiles)
	folder := newTabButton(lang.L("Nhập cả thư mục…"), theme.FolderOpenIcon(), v.onImportFolder)
	drop := widget.NewLabel(lang.L("Hoặc kéo thả tệp, thư mục vào cửa sổ này. Nhận các tệp {{.Ext}}", map[string]any{"Ext": importExts}))
	drop.Wrapping = fyne.TextWrapWord
	drop.Alignment = fyne.TextAlignCenter
	drop.TextStyle.Italic = true
	guide := newTabButton(lang.L("Xem hướng dẫn sử dụng"), theme.HelpIcon(), v.onShowGuide)
	guide.Importance = widget.LowImportance
	w.buttons = []*tabButton{w.samples, files, folder, guide}
	for _, b := range w.buttons {
		b.onTab = func() { v.onTab(b) }
		b.onKey = v.onKey
	}
	box := container.NewVBox(title, intro, container.NewCenter(container.NewHBox(w.samples, files, folder)), drop, container.NewCenter(guide))
	w.obj = container.NewCenter(container.NewGridWrap(fyne.NewSize(680, box.MinSize().Height+80), box))
	return w.obj
}

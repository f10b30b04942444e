package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// The window's shortcuts, listed beside their menu items: Ctrl+F the
// search box, Ctrl+O import files, Ctrl+E edit the open document, Delete
// the open document (or those ticked) to the Trash after asking, Ctrl+W
// close the open document (and the Trash and campaigns windows), F1 the
// user guide, as in most programs, Shift+F1 the search help (also the "?"
// beside the search box), F3 and Shift+F3 the open document's next and
// previous match, Ctrl+Q quit (asking during an import). There is no
// printing (the catalogue is printed from the browser), so no Ctrl+P.
// Ctrl+A, C, V, X and Z stay the text boxes' own. None but Ctrl+Q acts
// while a dialog is open over the window: the keys are the dialog's.
// Ctrl+Q quits as the window's cross does, over a dialog too (onQuitKey).
var (
	shortcutSearch = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutImport = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutQuit   = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutEdit   = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutClose  = &desktop.CustomShortcut{KeyName: fyne.KeyW, Modifier: fyne.KeyModifierShortcutDefault}
	// Delete, F1 and Shift+F1 take no modifier, or Shift alone, which
	// Fyne's menus show but do not trigger: onKey handles them.
	shortcutDelete     = &desktop.CustomShortcut{KeyName: fyne.KeyDelete}
	shortcutGuide      = &desktop.CustomShortcut{KeyName: fyne.KeyF1}
	shortcutSearchHelp = &desktop.CustomShortcut{KeyName: fyne.KeyF1, Modifier: fyne.KeyModifierShift}
)

// shortcuts are the window's shortcuts with what each does.
func (v *view) shortcuts() map[*desktop.CustomShortcut]func() {
	return map[*desktop.CustomShortcut]func(){
		shortcutSearch: v.onFocusSearch,
		shortcutImport: v.onImportFiles,
		shortcutQuit:   v.s.onQuitKey,
		shortcutEdit:   v.reader.onEdit,
		shortcutClose:  v.onCloseDocument,
	}
}

// unlessDialog is f, which does nothing while a dialog is open over the
// window (Fyne runs a menu's shortcut wherever the keyboard is). Ctrl+Q
// is not held back (onQuitKey).
func (v *view) unlessDialog(f func()) func() {
	return func() {
		if v.win.Canvas().Overlays().Top() == nil {
			f()
		}
	}
}

// onKey handles the keys without a modifier that act anywhere in the
// window (Delete but in a text box, where only the search box hands it on,
// at the end of its text: searchEntry.deleteKey; F1 and Shift+F1, F3 and
// Shift+F3), and reports whether k was one.
func (v *view) onKey(k *fyne.KeyEvent) bool {
	if v.win.Canvas().Overlays().Top() != nil {
		return false
	}
	switch k.Name {
	case fyne.KeyDelete:
		v.onDeleteKey()
	case fyne.KeyF1:
		v.onHelpKey()
	case fyne.KeyF3:
		v.onMatchKey()
	default:
		return false
	}
	return true
}

// onHelpKey opens the user guide (F1), or shows the search help
// (Shift+F1).
func (v *view) onHelpKey() {
	if v.s.keyModifiers()&fyne.KeyModifierShift != 0 {
		v.search.onHelp()
		return
	}
	v.onShowGuide()
}

// onMatchKey goes to the open document's next match (F3), or the
// previous one (Shift+F3), as a browser's or Word's find does, wherever
// the keyboard is: the arrows beside the text took the mouse only.
func (v *view) onMatchKey() {
	if v.reader.doc == nil {
		return
	}
	if v.s.keyModifiers()&fyne.KeyModifierShift != 0 {
		v.reader.onMatch(-1)
		return
	}
	v.reader.onMatch(1)
}

// onDeleteKey moves the ticked documents, or else the open one, to the
// Trash, after asking.
func (v *view) onDeleteKey() {
	if len(v.results.marked) > 0 {
		v.onBulkDelete()
		return
	}
	v.reader.onDelete()
}

// onFocusSearch gives the search box the keyboard.
func (v *view) onFocusSearch() { v.win.Canvas().Focus(v.search.entry) }

// onCloseDocument closes the open document; the keyboard goes back to the
// results, or to the search box.
func (v *view) onCloseDocument() {
	if v.reader.doc == nil {
		return
	}
	v.reader.clear()
	if v.results.total > 0 {
		v.results.list.keys.focus(v.results.list)
		return
	}
	v.onFocusSearch()
}

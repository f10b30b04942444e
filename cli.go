package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"fyne.io/fyne/v2/lang"

	"khovanban/assets"
	"khovanban/index"
	"khovanban/ui/messages"
)

// global holds the options that come before the command.
type global struct {
	archive string
}

func parseGlobal(args []string) (global, []string, error) {
	var g global
	fs := newFlags("khovanban")
	fs.StringVar(&g.archive, "archive", "", "archive folder")
	if err := fs.Parse(args); err != nil {
		return g, nil, err
	}
	return g, fs.Args(), nil
}

// cli runs one command, writing to out and errOut.
type cli struct {
	g        global
	cmd      string // the command being run, to name it to other processes
	out, err io.Writer
	intr     *interrupt
}

// runCommand runs a command in the language KHOVANBAN_LANG picks and
// returns the process exit code: 0, 1 when the work failed, 2 for bad
// arguments.
// vietnameseProbe is a key that English translates: lang.L gives it back
// unchanged only while no other language's messages are loaded.
const vietnameseProbe = "Trích yếu"

func runCommand(g global, args []string, out, errOut io.Writer) int {
	// The translation keys are the Vietnamese texts, so Vietnamese needs no
	// file (lang.L gives the key itself) unless another language's
	// messages were loaded before in this process (as tests do): Fyne's
	// own keys, the only ones that differ, are the window's. Loading it
	// cost 2.5 ms of a search's 23 ms of CPU: it is parsed once per locale.
	if l := languageFromEnv(); l != messages.Vietnamese || lang.L(vietnameseProbe) != vietnameseProbe {
		messages.UseLanguage(l)
	}
	out, errOut = safeText{out}, safeText{errOut}
	c := &cli{g: g, cmd: args[0], out: out, err: errOut, intr: &interrupt{exit: os.Exit}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	defer c.onInterrupt(cancel)()
	cmd, rest := args[0], args[1:]
	run := map[string]func(context.Context, []string) error{
		"import": c.importCmd, "search": c.search, "show": c.show, "edit": c.edit,
		"review": c.review, "campaigns": c.campaigns, "rebuild": c.rebuild, "stats": c.stats,
		"backup": c.backup, "restore": c.restore, "pack": c.pack, "check": c.check,
		"separate": c.separate,
	}[cmd]
	switch {
	case cmd == "version":
		fmt.Fprintln(out, "khovanban", version)
		return 0
	case cmd == "help":
		printHelp(out, strings.Join(rest, " "))
		return 0
	case run == nil:
		fmt.Fprintf(errOut, "%s: %q\n", lang.L("lệnh không rõ"), cmd)
		fmt.Fprint(errOut, usage())
		return 2
	case len(rest) > 0 && isHelp(rest[0]), cmd == "pack" && len(rest) > 1 && isHelp(rest[1]):
		printHelp(out, cmd)
		return 0
	}
	err := run(ctx, rest)
	if wn := (withNote{}); errors.As(err, &wn) {
		err = wn.err
		defer fmt.Fprintln(errOut, wn.note)
	}
	var bad badArgs
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errHelp):
		printHelp(out, cmd)
		return 0
	case errors.As(err, &bad):
		fmt.Fprintln(errOut, bad.Error())
		fmt.Fprint(errOut, commandUsage(cmd))
		fmt.Fprintln(errOut, lang.L("Xem thêm: khovanban help {{.Command}}", map[string]any{"Command": cmd}))
		return 2
	case errors.Is(err, errSomeFailed):
		return 1
	case errors.As(err, new(saidError)):
		fmt.Fprintln(errOut, err)
		return 1
	default:
		fmt.Fprintln(errOut, messages.CommandError(err))
		return 1
	}
}

// withNote is a command's failure (err, said as such) and a line to say
// after it: what the filing again that followed the failure left.
type withNote struct {
	err  error
	note string
}

func (e withNote) Error() string { return e.err.Error() + "; " + e.note }
func (e withNote) Unwrap() error { return e.err }

// saidError is a failure already put in words for people: exit code 1.
type saidError struct{ msg string }

func (e saidError) Error() string { return e.msg }

// fieldLabels names fields (index.EditableFields' names) as people know
// them, in the command line's language: "Ngày ban hành, Năm".
func fieldLabels(fields []string) string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = lang.L(index.FieldLabel(f))
	}
	return strings.Join(names, ", ")
}

// badArgs is a usage mistake: exit code 2.
type badArgs struct{ msg string }

func (b badArgs) Error() string { return b.msg }

// errSomeFailed says a command found failures it has already listed (files
// an import did not take, problems check found): exit code 1.
var errSomeFailed = errors.New("some files failed")

// access says how a command opens the archive.
type access int

const (
	// reading opens it for reading only: nothing is written, so it works
	// on a full disk or a read-only medium, and several such commands may
	// run at once.
	reading access = iota
	// writing opens it for writing, alone.
	writing
)

// withArchive is the frame of every command on the archive: it opens the
// archive, runs work on it and closes it. An archive that must be written
// before it can be read (not created yet, its index to build again, a
// move a kill interrupted) is opened for writing even for reading. When
// writing, a failure to close (a full disk stopping Bleve from saving the
// index after the files went in) is the command's failure too. Once work
// is done, an unfinished filing again (a change of the campaigns or topics
// the window made and did not finish) is resumed when the archive is open
// for writing, else told (refileAfter), whether work succeeded or failed:
// the filing does not depend on it, and each of its steps is stored whole.
func (c *cli) withArchive(ctx context.Context, how access, work func(a *index.Archive) error) error {
	open := c.openRead
	if how == writing {
		open = c.open
	}
	a, err := open()
	if err != nil {
		return err
	}
	err = c.thenRefile(ctx, a, work(a))
	if cerr := a.Close(); cerr != nil && how == writing && (err == nil || errors.Is(err, errSomeFailed)) {
		err = cerr
	}
	return err
}

// thenRefile files again what a change of the campaigns or topics left
// unfiled (refileAfter), after a command's work on a ended with err (nil
// when it succeeded), and returns the command's outcome: err, else what
// the filing left; both when both failed, the filing's said after.
func (c *cli) thenRefile(ctx context.Context, a *index.Archive, err error) error {
	rerr := c.refileAfter(ctx, a)
	switch {
	case rerr == nil:
		return err
	case err == nil || errors.Is(err, errSomeFailed):
		return rerr
	}
	return withNote{err, rerr.Error()}
}

// refileAfter files again, with its progress, the documents a change of
// the campaigns or topics left unfiled (the window killed, closed or
// stopped while it filed them: index.RefilePending), as the window does
// when it opens an archive; an archive open for reading only cannot, and
// the command says that they are not all filed yet and what will file
// them. A stop (Ctrl-C, before or while filing) or a failure leaves the
// rest for the next time, each step filed being stored: the command says
// how many it filed and that the rest is filed next time, and fails
// (saidError: it was not a change of the rules this command made, so not
// index.ErrRefileUnfinished's "rules saved").
func (c *cli) refileAfter(ctx context.Context, a *index.Archive) error {
	if !a.RefilePending() {
		return nil
	}
	later := lang.L("Lưu ý: một số văn bản chưa được xếp lại theo phong trào, chủ đề đã đổi; lần mở kho để ghi sau (cửa sổ, hoặc lệnh import, edit…) sẽ xếp nốt.")
	if a.ReadOnly() {
		fmt.Fprintln(c.err, later)
		return nil
	}
	if ctx.Err() != nil {
		// Stopped before the filing began: it is not begun.
		return saidError{later}
	}
	progress := c.progress(lang.L("Đang xếp lại văn bản"))
	total, done := 0, 0
	err := a.ResumeRefile(ctx, func(p index.Progress) { total, done = p.Total, p.Done; progress(p) })
	switch {
	case err == nil:
		fmt.Fprintln(c.err, messages.N("Đã xếp lại {{.Docs}} văn bản theo quy tắc mới.", total, map[string]any{"Docs": total}))
		return nil
	case ctx.Err() != nil:
		if isTerminal(c.err) && done < total {
			fmt.Fprintln(c.err) // after the progress line
		}
		return saidError{messages.N("Đã dừng việc xếp lại văn bản theo phong trào, chủ đề đã đổi sau {{.Done}} văn bản; phần còn lại sẽ được xếp tiếp lần mở kho để ghi sau (cửa sổ, hoặc lệnh import, edit…).", done, map[string]any{"Done": done})}
	}
	return saidError{messages.N("Chưa xếp lại xong văn bản theo phong trào, chủ đề đã đổi ({{.Done}} văn bản đã xếp): {{.Reason}} Phần còn lại sẽ được xếp tiếp lần mở kho để ghi sau.", done, map[string]any{"Done": done, "Reason": messages.CommandError(err)})}
}

// open opens the archive for writing, saying so when it builds the index
// or turns an archive of an earlier version into this version's format.
func (c *cli) open() (*index.Archive, error) {
	return c.openWith(c.progress(lang.L("Dựng lại chỉ mục")))
}

// migrating wraps what prints an index rebuild's progress (progress) so
// that a migration on opening (index.Progress.Migrating) and a check of
// the twin groups (CheckingTwins) are told as such.
func (c *cli) migrating(progress func(index.Progress)) func(index.Progress) {
	migration := c.progress(lang.L("Đang chuyển kho sang định dạng mới"))
	cleaning := c.progress(lang.L("Đang dọn các tệp của định dạng cũ"))
	twins := c.progress(lang.L("Đang kiểm tra các nhóm bản trùng"))
	return func(p index.Progress) {
		if p.Cleaning {
			cleaning(p)
			return
		}
		if p.CheckingTwins {
			twins(p)
			return
		}
		if p.Migrating {
			migration(p)
			return
		}
		progress(p)
	}
}

// openWith opens the archive for writing, telling progress about an index
// rebuild opening it needs, and the documents to look at that a check of
// the twin groups on opening found (tellCopied).
func (c *cli) openWith(progress func(index.Progress)) (*index.Archive, error) {
	dir, err := c.archiveDir()
	if err != nil {
		return nil, err
	}
	a, err := index.Open(dir, index.Options{Registry: assets.Registry, Progress: c.migrating(progress), Program: "khovanban " + c.cmd})
	if err == nil {
		c.intr.writing(a) // a second Ctrl-C waits for its write in progress
		c.tellCopied(a)
	}
	return a, err
}

// openRead opens the archive for a command that only reads it, or for
// writing when it must be written first (index.ErrNeedsWrite).
func (c *cli) openRead() (*index.Archive, error) {
	dir, err := c.archiveDir()
	if err != nil {
		return nil, err
	}
	// A command that only reads does not make an archive where there is
	// none (a mistyped -archive, or none imported yet).
	if err := requireArchive(dir); err != nil {
		return nil, err
	}
	a, err := index.OpenReadOnly(dir, index.Options{Registry: assets.Registry, Program: "khovanban " + c.cmd})
	if errors.Is(err, index.ErrNeedsWrite) {
		return c.open()
	}
	return a, err
}

// requireArchive says so when dir is missing or empty: no archive there
// yet (a mistyped -archive, or none imported yet).
func requireArchive(dir string) error {
	if entries, err := os.ReadDir(dir); errors.Is(err, os.ErrNotExist) || err == nil && len(entries) == 0 {
		return saidError{lang.L("Chưa có kho văn bản ở {{.Dir}}. Hãy nhập văn bản vào trước (khovanban import …), hoặc chọn kho bằng -archive THƯ_MỤC.", map[string]any{"Dir": dir})}
	}
	return nil
}

// archiveDir is the archive folder the command works on.
func (c *cli) archiveDir() (string, error) {
	if c.g.archive != "" {
		return c.g.archive, nil
	}
	return index.DefaultDir()
}

// progress prints long work's progress on one line of errOut, redrawn
// as it goes on a terminal; elsewhere (a log, a pipe) only where it ends,
// as a line of its own.
func (c *cli) progress(what string) func(index.Progress) {
	live := isTerminal(c.err)
	return func(p index.Progress) {
		c.intr.step(what, p)
		switch {
		case live:
			fmt.Fprintf(c.err, "\r%s: %d/%d", what, p.Done, p.Total)
			if p.Done == p.Total {
				fmt.Fprintln(c.err)
			}
		case p.Done == p.Total:
			fmt.Fprintf(c.err, "%s: %d/%d\n", what, p.Done, p.Total)
		}
	}
}

// isTerminal reports whether w is a terminal (a character device).
// A variable for the tests of a stop while filing, which stand in for a
// terminal.
var isTerminal = func(w io.Writer) bool {
	if s, ok := w.(safeText); ok {
		w = s.w
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// print writes v as JSON (-json), or else what text prints.
func (c *cli) print(asJSON bool, v any, text func()) error {
	if asJSON {
		return c.writeJSON(v)
	}
	text()
	return nil
}

func (c *cli) writeJSON(v any) error {
	enc := json.NewEncoder(c.out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// Command khovanban is Kho Văn Bản Phong Trào, an offline desktop archive
// of campaign documents for commune offices: without arguments it opens
// the window; with a command it works on the archive from the command line.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime/debug"

	"fyne.io/fyne/v2/app"

	"khovanban/assets"
	"khovanban/ui"
)

// version is set at build time (-ldflags "-X main.version=...").
var version = "dev"

// appID is the application's identity for Fyne (preferences, .desktop).
const appID = "vn.khovanban.app"

// memoryLimit is the soft limit on the Go heap: office PCs often have 4 GB,
// and past this the garbage collector works harder instead of growing.
// GOMEMLIMIT in the environment overrides it.
const memoryLimit = 512 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	g, args, err := parseGlobal(os.Args[1:])
	if errors.Is(err, flag.ErrHelp) { // -h, -help, --help
		attachConsole()
		printHelp(os.Stdout, "")
		return
	}
	if err != nil {
		os.Exit(usageError(err))
	}
	if len(args) == 0 {
		if ui.ScreenError() != nil {
			attachConsole()
			fmt.Fprint(os.Stderr, noScreen())
			os.Exit(1)
		}
		// Before Fyne reads its preferences: a file a kill cut short is
		// the last whole one again (saved searches, the archive folder).
		if _, err := ui.KeepPreferences(appID); err != nil {
			fmt.Fprintln(os.Stderr, "preferences:", err)
		}
		a := app.NewWithID(appID)
		ui.Run(a, ui.Config{ArchiveDir: g.archive, Version: version, Registry: assets.Registry})
		return
	}
	attachConsole()
	if quickCommands[args[0]] && os.Getenv("GOGC") == "" {
		// A command that reads and exits collects no garbage: the memory
		// limit still starts a collection if it ever comes near.
		debug.SetGCPercent(-1)
	}
	os.Exit(offMainThread(func() int { return runCommand(g, args, os.Stdout, os.Stderr) }))
}

// offMainThread runs a command on a goroutine of its own and returns its
// exit code. Fyne's driver locks the main goroutine to the process's
// first thread, which its window needs; a command left on it paid a
// hand-over between threads each time that goroutine woke (an import's
// batching loop wakes for every file read): 1,200 hand-overs in a 10,000
// document import, each leaving a core idle while one thread woke the
// other, a sixth of the two cores in all.
func offMainThread(command func() int) int {
	rc := make(chan int, 1)
	go func() { rc <- command() }()
	return <-rc
}

// noScreen is what the program says, in both languages like its usage,
// when it cannot open its window: the person at an ssh prompt has the
// command line, and KHOVANBAN_LANG is not yet set.
func noScreen() string {
	return "Không mở được cửa sổ: máy này không có màn hình.\n" +
		"Các lệnh dòng lệnh vẫn dùng được: khovanban help\n" +
		"Cannot open the window: there is no screen here.\n" +
		"The command-line commands still work: khovanban help\n"
}

// quickCommands read a little of the archive and exit.
var quickCommands = map[string]bool{"search": true, "show": true, "stats": true, "version": true}

// languageFromEnv lets KHOVANBAN_LANG=en switch the command line to
// English; Vietnamese is the default whatever the system locale.
func languageFromEnv() string {
	if l := os.Getenv("KHOVANBAN_LANG"); l != "" {
		return l
	}
	return "vi"
}

func usageError(err error) int {
	fmt.Fprintln(os.Stderr, err)
	fmt.Fprint(os.Stderr, usage())
	return 2
}

package main

import (
	"flag"
	"io"
	"slices"
	"strings"
	"unicode"

	"fyne.io/fyne/v2/lang"
)

// A command's options come before its other arguments (files, an id, a
// query), as Go's flag package reads them:
//
//   - Before those arguments, a word starting with '-' must name one of
//     the command's options; a mistyped one (-limt) is a usage error that
//     says which option it may have meant, never a word of the query.
//   - The other arguments begin at the first word that does not start
//     with '-', or after "--". Once a query has begun, -word is a word to
//     leave out: `search "thuế -phí"`, `search thuế -phí`.
//   - A query may also begin with a word to leave out (`search -json -từ
//     nêu gương`): for search and pack export an unknown -word begins the
//     query unless it looks like a mistyped option, that is -name=value,
//     or a name in plain letters one letter away from an option's (two
//     for names longer than four letters). Such a word is written after
//     "--": `search -- -lim x`.

// newFlags is a command's flag set; its errors are ours to word.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// jsonFlags is newFlags with the -json option of commands that can print
// JSON.
func jsonFlags(name string) (*flag.FlagSet, *bool) {
	fs := newFlags(name)
	return fs, fs.Bool("json", false, "")
}

// parseFlags parses the options of a command whose other arguments are
// files or ids.
func parseFlags(fs *flag.FlagSet, args []string) error {
	return parse(fs, args, false)
}

// parseQueryFlags parses the options of a command whose other arguments
// are a query, which may begin with a word to leave out.
func parseQueryFlags(fs *flag.FlagSet, args []string) error {
	return parse(fs, args, true)
}

func parse(fs *flag.FlagSet, args []string, query bool) error {
	args, err := checkOptions(fs, args, query)
	if err != nil {
		return err
	}
	// The options are known and have their values: what is left is a
	// value of the wrong kind (-limit abc).
	if err := fs.Parse(args); err != nil {
		return badArgs{lang.L("{{.Command}}: giá trị không hợp lệ ({{.Detail}})", map[string]any{"Command": fs.Name(), "Detail": err.Error()})}
	}
	return nil
}

// checkOptions checks the words before a command's other arguments
// against its options, as the rules above say; it returns args with "--"
// put before a query that begins with a word to leave out.
func checkOptions(fs *flag.FlagSet, args []string, query bool) ([]string, error) {
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" || arg == "-" || !strings.HasPrefix(arg, "-") {
			return args, nil
		}
		if isHelp(arg) {
			return nil, errHelp
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		f := fs.Lookup(name)
		if f == nil {
			like := nearestOption(fs, name)
			if query && !hasValue && like == "" {
				return slices.Insert(slices.Clone(args), i, "--"), nil
			}
			return nil, unknownOption(fs.Name(), arg, like, query)
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); hasValue || (ok && b.IsBoolFlag()) {
			continue
		}
		if i+1 == len(args) {
			return nil, badArgs{lang.L("{{.Command}}: tùy chọn {{.Option}} cần một giá trị", map[string]any{"Command": fs.Name(), "Option": arg})}
		}
		i++ // the option's value
	}
	return args, nil
}

// unknownOption is the usage error for an option the command lacks.
func unknownOption(command, arg, like string, query bool) error {
	data := map[string]any{"Command": command, "Option": arg, "Like": "-" + like}
	msg := lang.L("{{.Command}}: không có tùy chọn {{.Option}}.", data)
	if like != "" {
		msg += " " + lang.L("Có phải là {{.Like}}?", data)
	}
	if query {
		msg += " " + lang.L("Nếu đó là từ cần loại trừ khi tìm, hãy đặt -- trước nó: {{.Command}} -- {{.Option}} …", data)
	}
	return badArgs{msg}
}

// nearestOption is the option of fs whose name name looks like a
// mistyping of, or "". A name with a letter that is not plain ASCII (a
// Vietnamese word) or with a digit is no option's.
func nearestOption(fs *flag.FlagSet, name string) string {
	for _, r := range name {
		if r > unicode.MaxASCII || !unicode.IsLetter(r) && r != '-' {
			return ""
		}
	}
	best, bestDist := "", 3
	fs.VisitAll(func(f *flag.Flag) {
		most := 2
		if len(f.Name) <= 4 {
			most = 1
		}
		if d := editDistance(strings.ToLower(name), f.Name); d <= most && d < bestDist {
			best, bestDist = f.Name, d
		}
	})
	return best
}

// editDistance counts the letters to insert, delete, change or swap with
// their neighbour to turn a into b (optimal string alignment distance).
func editDistance(a, b string) int {
	// d[i][j] is the distance between a[:i] and b[:j].
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

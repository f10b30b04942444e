package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2/lang"

	"khovanban/index"
)

// usageLine is a command's line in the usage.
type usageLine struct{ command, line string }

// usageLines are the usage's lines, a command's under its name ("" for
// the window, which takes no command).
func usageLines() []usageLine {
	return []usageLine{
		{"", "khovanban [-archive DIR]                          mở cửa sổ / open the window"},
		{"import", "khovanban [-archive DIR] import [-json] PATH...   nhập tệp và thư mục / import files and folders"},
		{"search", "khovanban [-archive DIR] search [-json] [-limit N] [-sort relevance|newest|oldest]\n" +
			"          [-year Y] [-type T] [-campaign C] [-topic T] [-issuer I] QUERY"},
		{"show", "khovanban [-archive DIR] show [-json] ID"},
		{"edit", "khovanban [-archive DIR] edit ID field=value ..."},
		{"review", "khovanban [-archive DIR] review [-json]"},
		{"campaigns", "khovanban [-archive DIR] campaigns [-json]"},
		{"separate", "khovanban [-archive DIR] separate ID                 tách tệp khỏi nhóm cùng nội dung / take a file out of its twin group"},
		{"rebuild", "khovanban [-archive DIR] rebuild"},
		{"stats", "khovanban [-archive DIR] stats [-json]"},
		{"check", "khovanban [-archive DIR] check [-json]            kiểm tra kho / verify the archive"},
		{"backup", "khovanban [-archive DIR] backup FILE.zip          sao lưu / back up (cửa sổ đang mở kho: Tệp › Sao lưu kho… / the window has it open: File › Back up)"},
		{"restore", "khovanban restore FILE.zip DIR                    khôi phục / restore into a new folder"},
		{"pack", "khovanban [-archive DIR] pack export [-office NAME] [-year Y] [-campaign C] [-topic T] [QUERY] FILE.kvbpack\n" +
			"khovanban [-archive DIR] pack import [-dry-run] [-theirs] [-unverified-ok] FILE.kvbpack"},
		{"version", "khovanban version"},
		{"help", "khovanban help [COMMAND]                          cách dùng một lệnh / how to use a command"},
	}
}

const usageTitle = "Cách dùng / Usage:\n"

// usage is the whole usage, every command's lines.
func usage() string {
	var b strings.Builder
	b.WriteString(usageTitle)
	for _, u := range usageLines() {
		writeIndented(&b, u.line)
	}
	b.WriteString("Câu tìm bắt đầu bằng từ giống tên tùy chọn thì đặt -- trước: search -- -lim x\n")
	b.WriteString("A QUERY that starts with a word like an option's name needs -- before it: search -- -lim x\n")
	return b.String()
}

// commandUsage is one command's usage lines, or the whole usage for a
// name that is no command.
func commandUsage(command string) string {
	for _, u := range usageLines() {
		if u.command == command && command != "" {
			var b strings.Builder
			b.WriteString(usageTitle)
			writeIndented(&b, u.line)
			return b.String()
		}
	}
	return usage()
}

func writeIndented(b *strings.Builder, lines string) {
	for l := range strings.SplitSeq(lines, "\n") {
		b.WriteString("  " + l + "\n")
	}
}

// errHelp is asked for by -h, -help or --help among a command's options.
var errHelp = errors.New("help requested")

// isHelp reports whether arg asks for help.
func isHelp(arg string) bool { return arg == "-h" || arg == "-help" || arg == "--help" }

// printHelp writes the help for command ("" for the program as a whole):
// its usage and what a clerk needs to know to use it.
func printHelp(w io.Writer, command string) {
	fmt.Fprint(w, commandUsage(command))
	var more []string
	switch command {
	case "search", "pack":
		more = append(more,
			lang.L("Câu tìm: gõ có dấu hoặc không dấu (quyet tam cũng tìm ra quyết tâm); \"nông thôn mới\" trong ngoặc kép là đúng cụm từ; -từ để loại văn bản có từ đó; nêu gương OR \"dân vận khéo\" là một trong hai."),
			lang.L("Lọc trong câu tìm: năm:2014, năm:2014-2016, năm:2016- (từ 2016 trở về sau), năm:..2016 (đến hết 2016), ngày:15/04/2026, ngày:04/2026, ngày:1/3/2026..15/4/2026, loại:\"kế hoạch\", phongtrao:\"nông thôn mới\", chude:\"y tế\", coquan:\"huyện ủy\", so:12-KH/HU; số hiệu gõ thẳng cũng được (12/KH, 33-nq/du)."),
			lang.L("-year như năm: trong câu tìm: -year 2014, -year 2014-2016, -year 2016- (từ 2016 trở về sau), -year ..2016 (đến hết 2016)."),
			lang.L("-type, -issuer, -campaign, -topic là đúng một giá trị có trong kho (khovanban campaigns liệt kê phong trào, chủ đề). Loại văn bản:")+"\n  "+strings.Join(index.DocumentTypes(), ", "))
		if command == "pack" {
			// pack export takes -year, -campaign and -topic only: the
			// line of search's four named two it does not have.
			more[len(more)-1] = lang.L("-campaign, -topic là phongtrao:, chude: của câu tìm (khovanban campaigns liệt kê phong trào, chủ đề); loại văn bản và cơ quan ban hành thì lọc ngay trong câu tìm (loại:, coquan:).")
		}
	case "edit":
		var fields []string
		for _, f := range index.EditableFields {
			fields = append(fields, fmt.Sprintf("  %-10s %s", f, lang.L(index.FieldLabel(f))))
		}
		more = append(more,
			lang.L("Các trường (field):")+"\n"+strings.Join(fields, "\n"),
			lang.L("Ngày: date=14/4/2014 (ngày/tháng/năm) hoặc date=2014-04-14. Phong trào, chủ đề cách nhau bằng dấu ;  Giá trị có dấu cách đặt trong ngoặc kép: issuer=\"Ủy ban nhân dân xã An Phú\"."),
			lang.L("Mã văn bản: xem bằng khovanban search (4 ký tự đầu là đủ)."))
	case "import":
		more = append(more, lang.L("Nhập tệp .doc, .docx, .odt, .rtf, .pdf, .html, .htm, .mht, .mhtml, .txt, .md và tệp nén .zip; thư mục được nhập cả thư mục con. Tệp trùng không nhập lại."))
	case "":
		more = append(more,
			lang.L("Không có lệnh thì mở cửa sổ. khovanban help LỆNH cho biết cách dùng một lệnh (ví dụ khovanban help search)."),
			lang.L("Kho văn bản: mặc định ở thư mục của người dùng; chọn kho khác bằng -archive THƯ_MỤC. Tiếng Anh: đặt KHOVANBAN_LANG=en."))
	}
	for _, m := range more {
		fmt.Fprintln(w)
		fmt.Fprintln(w, m)
	}
}

// Package messages holds what the program says to people in both its
// languages, for the window and the command line alike: the translations
// (Fyne's lang with assets/translations/{vi,en}.json, whose keys are the
// Vietnamese texts) and the short sentences that errors and warnings from
// index and extract become.
package messages

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"fyne.io/fyne/v2/lang"

	"khovanban/index"
	"khovanban/index/classify"
	"khovanban/index/extract"
)

// Error turns an error from index or extract into a short translated
// sentence for people; the window and the command line both use it.
func Error(err error) string {
	if err == nil {
		return ""
	}
	var qe *index.QueryError
	if errors.As(err, &qe) {
		return queryMessage(qe)
	}
	var le *extract.LimitError
	if errors.As(err, &le) {
		return limitMessage(le)
	}
	var ps *index.PackStoppedError
	if errors.As(err, &ps) {
		return packStoppedMessage(ps)
	}
	var be *index.BundleError
	if errors.As(err, &be) {
		return bundleMessage(be)
	}
	var me *index.BackupMissingError
	if errors.As(err, &me) {
		return backupMissingMessage(me)
	}
	var re *classify.RuleError
	if errors.As(err, &re) {
		return RuleMessage(re)
	}
	var mg *classify.MergeError
	if errors.As(err, &mg) {
		return MergeMessage(mg)
	}
	var se *classify.SizeError
	if errors.As(err, &se) {
		return SizeMessage(se)
	}
	var nr *index.NoRoomError
	if errors.As(err, &nr) {
		return lang.L("Ổ đĩa không đủ chỗ để chuyển kho sang định dạng mới: cần khoảng {{.Need}}, còn {{.Free}}. Hãy giải phóng chỗ trống rồi mở lại; kho vẫn đọc được như cũ.",
			map[string]any{"Need": diskSize(nr.Need, true), "Free": diskSize(nr.Free, false)})
	}
	var ir *index.ImportRoomError
	if errors.As(err, &ir) {
		if ir.Need > 0 {
			return lang.L("Ổ đĩa đã đầy, còn {{.Free}} trống: việc nhập đã dừng. Các văn bản đã lưu vẫn được giữ và đọc được; chỉ mục để tìm chúng cần khoảng {{.Need}}. Hãy giải phóng chỗ trống rồi mở lại kho: chỉ mục sẽ được lập khi đó.",
				map[string]any{"Need": diskSize(ir.Need, true), "Free": diskSize(ir.Free, false)})
		}
		return lang.L("Ổ đĩa đã đầy, còn {{.Free}} trống: việc nhập đã dừng; các văn bản đã thêm vẫn được giữ. Hãy giải phóng chỗ trống rồi nhập lại các tệp còn lại (tệp đã có sẽ được bỏ qua).",
			map[string]any{"Free": diskSize(ir.Free, false)})
	}
	var lo *index.LinkOutsideError
	if errors.As(err, &lo) && lo.Reading {
		return lang.L("Chưa mở kho: “{{.Part}}” trong thư mục kho là một liên kết (lối tắt) trỏ ra ngoài kho, tới {{.Target}}. Đọc hay sao lưu kho thì chương trình sẽ đọc các tệp ở đó (có thể là tệp riêng trên máy) như thể của kho. Không có gì bị đọc hay thay đổi. Hãy chép kho sang một thư mục thật (không có liên kết), hoặc bỏ liên kết đó, rồi thử lại.",
			map[string]any{"Part": lo.Part, "Target": lo.Target})
	}
	var sf *index.SpecialFileError
	if errors.As(err, &sf) {
		return lang.L("Chưa mở kho: “{{.Part}}” trong thư mục kho không phải tệp thường mà là một ống dẫn (pipe), socket hoặc thiết bị; mở nó thì chương trình sẽ treo. Không có gì bị đọc hay thay đổi. Hãy xóa mục đó khỏi thư mục kho (kho không bao giờ tạo ra nó), rồi thử lại.", map[string]any{"Part": sf.Part})
	}
	if errors.As(err, &lo) {
		return lang.L("Chưa mở kho để ghi: “{{.Part}}” trong thư mục kho là một liên kết (lối tắt) trỏ ra ngoài kho, tới {{.Target}}. Mở kho thì chương trình sẽ ghi vào chỗ đó, đè lên tệp khác trên máy. Không có gì bị thay đổi. Hãy chép kho sang một thư mục thật (không có liên kết), hoặc bỏ liên kết đó, rồi mở lại.",
			map[string]any{"Part": lo.Part, "Target": lo.Target})
	}
	var pt *index.PackTooLargeError
	if errors.As(err, &pt) {
		return N("Gói sẽ có {{.Documents}} văn bản, quá số một gói chở được ({{.Most}}): chưa ghi gì. Hãy chọn bớt (theo năm, đợt phong trào hay chủ đề) rồi xuất thành vài gói.", pt.Documents, map[string]any{"Documents": Count(pt.Documents), "Most": Count(pt.Most)})
	}
	var lk *index.LockedError
	if errors.As(err, &lk) {
		return lang.L("Kho văn bản đang được mở bởi {{.Program}} (tiến trình {{.PID}}) trên máy này từ {{.Since}}. Hãy đóng chương trình đó rồi thử lại.", map[string]any{
			"Program": lk.Program, "PID": lk.PID, "Since": lk.Since.Local().Format("15:04 02/01/2006")})
	}
	for _, m := range errorMessages() {
		// A full disk as Windows says it too (index.IsDiskFull).
		if errors.Is(err, m.err) || m.err == syscall.ENOSPC && index.IsDiskFull(err) {
			return m.text
		}
	}
	return lang.L("Không làm được việc này: {{.Detail}}", map[string]any{"Detail": err.Error()})
}

// diskSize says a size of disk space for people: "1,2 GB" (a decimal
// comma in Vietnamese, a point in English), "300 MB"; rounded up when
// up (room needed), down otherwise (room free), so that a need is never
// shown as less than what is free.
func diskSize(n int64, up bool) string {
	const mb, gb = 1 << 20, 1 << 30
	unit := int64(mb)
	if n >= gb {
		unit = gb / 10
	}
	q := n / unit
	if up && n%unit != 0 {
		q++
	}
	if unit == mb {
		return strconv.FormatInt(q, 10) + " MB"
	}
	return lang.L("{{.Whole}},{{.Tenth}} GB", map[string]any{"Whole": q / 10, "Tenth": q % 10})
}

// ImportError is general(err) for a file or folder an import could not
// read, where permission is said for what it is: reading is all an import
// does, so "đọc hoặc ghi ở thư mục này" sent people looking for a write
// problem, and named a file a folder (usertest finding 6).
func ImportError(it index.ImportItem, general func(error) string) string {
	if !errors.Is(it.Err, os.ErrPermission) {
		return general(it.Err)
	}
	if st, err := os.Stat(it.Path); err == nil && st.IsDir() {
		return lang.L("Không có quyền đọc thư mục này.")
	}
	return lang.L("Không có quyền đọc tệp này.")
}

// CommandError is Error for the command line: where the window's sentence
// names one of its menus, it names the command that does the same.
func CommandError(err error) string {
	switch {
	case errors.Is(err, index.ErrBackupFile):
		return lang.L("Đây là bản sao lưu của Kho văn bản, không phải văn bản; đã bỏ qua. Hãy dùng lệnh: khovanban restore TỆP.zip THƯ-MỤC-MỚI")
	case errors.Is(err, index.ErrPackFile):
		return lang.L("Đây là gói văn bản của Kho văn bản; đã bỏ qua. Hãy dùng lệnh: khovanban pack import TỆP.kvbpack")
	case errors.Is(err, index.ErrDamaged):
		return lang.L("Một tệp trong kho bị hỏng. Hãy chạy lệnh: khovanban rebuild")
	}
	return Error(err)
}

// BackupLocked is why the command line did not back up an archive that
// another process has open (index.ErrLocked): the catalog cannot be read
// beside the window that writes it, which backs it up itself. One "Hãy"
// sentence, not the lock's own advice followed by this one.
func BackupLocked(err error) string {
	var lk *index.LockedError
	if errors.As(err, &lk) {
		return lang.L("Kho văn bản đang được mở bởi {{.Program}} (tiến trình {{.PID}}) trên máy này từ {{.Since}}, nên lệnh chưa sao lưu được. Hãy sao lưu ngay trong cửa sổ (Tệp › Sao lưu kho…), hoặc đóng chương trình đó rồi chạy lại lệnh.", map[string]any{
			"Program": lk.Program, "PID": lk.PID, "Since": lk.Since.Local().Format("15:04 02/01/2006")})
	}
	return lang.L("Kho văn bản đang được mở ở một cửa sổ hoặc máy khác, nên lệnh chưa sao lưu được. Hãy sao lưu ngay trong cửa sổ (Tệp › Sao lưu kho…), hoặc đóng nơi đó rồi chạy lại lệnh.")
}

// errorMessages are checked in order: the first that matches speaks.
func errorMessages() []struct {
	err  error
	text string
} {
	return []struct {
		err  error
		text string
	}{
		// Before context.Canceled: a filing again stopped keeps the rules.
		{index.ErrRefileUnfinished, lang.L("Quy tắc đã được lưu, nhưng chưa xếp lại xong mọi văn bản theo quy tắc mới; phần còn lại sẽ được xếp tiếp khi mở kho lần sau.")},
		{context.Canceled, lang.L("Đã hủy.")},
		{index.ErrOfficeNameTooLong, N("Tên nơi gửi dài quá {{.Count}} chữ: nơi nhận sẽ không nhận gói mang tên này. Hãy gõ tên ngắn hơn.", index.MaxOfficeRunes, map[string]any{"Count": index.MaxOfficeRunes})},
		{index.ErrOfficeNameControls, lang.L("Tên nơi gửi có ký tự điều khiển hoặc ký tự đảo chiều chữ (thường do dán từ nơi khác): nơi nhận sẽ không nhận gói mang tên này. Hãy gõ lại tên.")},
		{index.ErrLocked, lang.L("Kho văn bản đang được mở ở một cửa sổ hoặc máy khác. Hãy đóng nơi đó rồi mở lại.")},
		{index.ErrNotArchive, lang.L("Thư mục này đã có tệp khác, không phải kho văn bản. Hãy chọn một thư mục trống hoặc một kho có sẵn.")},
		{index.ErrNotFound, lang.L("Không tìm thấy văn bản này; có thể nó đã bị xóa.")},
		{index.ErrNoTwin, lang.L("Tệp này không nằm trong nhóm cùng nội dung nào.")},
		{index.ErrAmbiguous, lang.L("Mã văn bản trùng với nhiều văn bản; hãy gõ đủ mã.")},
		{index.ErrDamaged, lang.L("Một tệp trong kho bị hỏng. Hãy dùng “Xây dựng lại chỉ mục” trong menu Văn bản.")},
		{index.ErrYearNotDate, lang.L("Năm phải là năm của ngày ban hành; hãy sửa ngày, hoặc để trống ngày rồi sửa năm.")},
		{index.ErrBadField, lang.L("Giá trị không hợp lệ. Ngày ghi theo dạng ngày/tháng/năm, ví dụ 14/4/2014; năm gồm 4 chữ số.")},
		{index.ErrClosed, lang.L("Kho văn bản đã đóng.")},
		{index.ErrIndexBusy, lang.L("Chỉ mục tìm kiếm đang được thay; hãy tìm lại sau giây lát.")},
		{index.ErrReadOnly, lang.L("Kho đang mở chỉ để xem (ổ đĩa đầy hoặc không cho ghi); chưa nhập, sửa hay xóa được.")},
		{index.ErrSymlink, lang.L("Đây là lối tắt (liên kết), không phải tệp thật; đã bỏ qua.")},
		{index.ErrNotRegular, lang.L("Đây không phải tệp thường mà là một ống dẫn (pipe), socket hoặc thiết bị; không mở, đã bỏ qua.")},
		{index.ErrFileSwapped, lang.L("Tệp vừa bị thay bằng một lối tắt (liên kết) hoặc tệp khác trong lúc nhập; không đọc nơi lối tắt trỏ tới, đã bỏ qua. Hãy kiểm tra thư mục rồi nhập lại tệp này.")},
		{index.ErrBackupFile, lang.L("Đây là bản sao lưu của Kho văn bản, không phải văn bản; đã bỏ qua. Hãy dùng Tệp › Khôi phục từ bản sao lưu…")},
		{index.ErrPackFile, lang.L("Đây là gói văn bản của Kho văn bản; đã bỏ qua. Hãy dùng Tệp › Nhập gói văn bản…")},
		{extract.ErrUnsupported, lang.L("Chưa đọc được loại tệp này (chỉ nhận .doc, .docx, .odt, .rtf, .pdf, .html, .htm, .mht, .mhtml, .txt, .md, .zip).")},
		{extract.ErrEmpty, lang.L("Tệp không có chữ nào (tệp rỗng).")},
		{extract.ErrTooLarge, lang.L("Tệp quá lớn.")},
		{extract.ErrEncrypted, lang.L("Tệp có mật khẩu; hãy bỏ mật khẩu rồi nhập lại.")},
		{extract.ErrCorrupt, lang.L("Tệp bị hỏng hoặc không đúng định dạng như tên tệp (thường do tải về hoặc chép chưa xong); hãy lấy lại tệp từ nơi gửi rồi nhập lại.")},
		{extract.ErrBinary, lang.L("Tệp không chứa văn bản đọc được.")},
		{classify.ErrExists, lang.L("Tên này đã có rồi.")},
		{classify.ErrNotFound, lang.L("Không tìm thấy phong trào hoặc chủ đề này.")},
		{classify.ErrInvalidRule, lang.L("Quy tắc không hợp lệ: mỗi dòng cần có chữ; số hiệu phải có dạng như 03-CT/TW.")},
		{classify.ErrInvalid, lang.L("Tên không hợp lệ hoặc phong trào cha không đúng.")},
		{index.ErrOfficesDamaged, lang.L("Danh sách khóa của các nơi gửi mà kho đã biết (tệp offices.json trong thư mục kho) bị hỏng, và bản sao tốt của nó cũng vậy: chưa biết gói có đúng của nơi gửi đã biết hay không, nên chưa nhận gói nào. Hãy chép offices.json từ một bản sao lưu của kho vào thư mục kho; hoặc xóa tệp đó, khi ấy mọi nơi gửi được coi là mới và cần tự kiểm tra nơi gửi của từng gói.")},
		{index.ErrBadBundle, lang.L("Tệp sao lưu hoặc gói văn bản bị hỏng, bị sửa đổi, hoặc không phải loại tệp này; không có gì bị thay đổi.")},
		{index.ErrBackupInsideArchive, lang.L("Không ghi bản sao lưu vào trong thư mục của kho: nó sẽ đè lên tệp của kho. Hãy chọn nơi khác, tốt nhất là USB hoặc ổ đĩa khác. Chưa ghi gì.")},
		{index.ErrNotBackupFile, lang.L("Ở chỗ này đã có một tệp không phải bản sao lưu của Kho văn bản; không ghi đè lên tệp đó. Hãy chọn tên tệp khác. Chưa ghi gì.")},
		{index.ErrNotAsWritten, lang.L("Tệp vừa ghi đọc lại không đúng như đã ghi (ổ đĩa hoặc USB có thể bị lỗi); tệp cũ cùng tên, nếu có, vẫn giữ nguyên. Hãy thử lại hoặc chọn ổ đĩa khác.")},
		{index.ErrNotEmpty, lang.L("Thư mục đã có tệp; hãy chọn một thư mục trống.")},
		{index.ErrNotFolder, lang.L("Ở chỗ này đã có một tệp (không phải thư mục); hãy chọn một thư mục mới hoặc trống. Không có gì bị thay đổi.")},
		{os.ErrNotExist, lang.L("Không tìm thấy tệp hoặc thư mục.")},
		{os.ErrPermission, lang.L("Không có quyền đọc hoặc ghi ở thư mục này.")},
		{syscall.ENOSPC, lang.L("Ổ đĩa đã đầy; hãy giải phóng chỗ trống rồi thử lại.")},
		{syscall.EROFS, lang.L("Thư mục này chỉ cho đọc, không ghi được (ví dụ USB đã khóa ghi); hãy chọn thư mục khác.")},
	}
}

// queryMessage explains a mistake in a typed query.
func queryMessage(e *index.QueryError) string {
	arg := map[string]any{"Arg": e.Arg}
	switch e.Code {
	case index.QueryUnclosedQuote:
		return lang.L("Thiếu dấu ngoặc kép đóng: {{.Arg}}", arg)
	case index.QueryEmptyFilter:
		return lang.L("Chưa ghi giá trị sau “{{.Arg}}”, ví dụ {{.Example}}.", map[string]any{"Arg": e.Arg, "Example": index.FilterExample(e.Arg)})
	case index.QueryBadYear:
		return lang.L("Năm “{{.Arg}}” không hợp lệ; ghi như năm:2014, năm:2014-2016, năm:2016- (từ 2016 trở về sau) hoặc năm:..2016 (đến hết 2016).", arg)
	case index.QueryBadDate:
		return lang.L("Ngày “{{.Arg}}” không hợp lệ; ghi như ngày:15/04/2026, ngày:04/2026, ngày:2026 hoặc ngày:1/3/2026..15/4/2026.", arg)
	case index.QueryDanglingOR:
		return lang.L("OR phải đứng giữa hai từ, ví dụ: nông thôn OR đô thị.")
	case index.QueryORExclusion:
		return lang.L("OR không dùng được với từ loại trừ (-…); hãy bỏ OR hoặc bỏ dấu trừ.")
	case index.QueryTooLong:
		return lang.L("Câu tìm quá dài (tối đa {{.Arg}} ký tự).", arg)
	case index.QueryEmptyPhrase:
		return lang.L("Cụm từ trong ngoặc kép đang trống.")
	}
	return lang.L("Câu tìm chưa đúng: {{.Arg}}", map[string]any{"Arg": e.Code + " " + e.Arg})
}

// Count writes a count with its thousands grouped as the language does:
// 10.000 in Vietnamese, 10,000 in English (the window wrote "10000 văn
// bản" in one place and "4.671 kết quả" in another).
func Count(n int) string {
	if n < 0 {
		return "-" + Count(-n)
	}
	if n < 1000 {
		return strconv.Itoa(n)
	}
	return lang.L("{{.Thousands}}.{{.Units}}", map[string]any{"Thousands": Count(n / 1000), "Units": fmt.Sprintf("%03d", n%1000)})
}

// FilesBeside is what follows a count of documents when they are more
// files (the formats of one text are one document, as the list shows
// them): " (240 tệp)" after "226 văn bản"; nothing when they are as many.
func FilesBeside(documents, files int) string { return filesBeside(documents, files, Count) }

// PlainFilesBeside is FilesBeside with the count written plainly, " (8650
// tệp)", as the command line writes every count (its lines are read by
// scripts too; -json is the form for them): one line must not group one
// count and not the other (usertest session 10, finding 8: "Văn bản:
// 8647 (8.650 tệp)").
func PlainFilesBeside(documents, files int) string {
	return filesBeside(documents, files, strconv.Itoa)
}

func filesBeside(documents, files int, count func(int) string) string {
	if files == documents {
		return ""
	}
	return N(" ({{.Count}} tệp)", files, map[string]any{"Count": count(files)})
}

// DocumentsIn is how many documents sums are, as the list counts them
// (the formats of one text once), with the files beside when they are
// more: "3", "3 (4 tệp)".
func DocumentsIn(sums []index.Summary) string {
	n := index.CountDocuments(sums)
	return Count(n) + FilesBeside(n, len(sums))
}

// PlainDocumentsIn is DocumentsIn with the counts written plainly, as
// the command line writes them (PlainFilesBeside): "1200 (1201 tệp)".
func PlainDocumentsIn(sums []index.Summary) string {
	n := index.CountDocuments(sums)
	return strconv.Itoa(n) + PlainFilesBeside(n, len(sums))
}

// RuleMessage says which line of a category's rules is wrong and what is
// wrong with it: "Dòng 2 “biểu thức: ((nông thôn”: thiếu dấu “)” đóng.".
func RuleMessage(e *classify.RuleError) string {
	arg := map[string]any{"Term": e.Term, "Detail": e.Detail}
	var why string
	switch e.Fault {
	case classify.FaultNoTerms:
		why = lang.L("chưa ghi gì sau dấu hai chấm.")
	case classify.FaultPhraseCount:
		why = lang.L("“cụm từ” chỉ nhận một cụm; nhiều cụm thì dùng “một trong” hoặc “tất cả”.")
	case classify.FaultNoWords:
		why = lang.L("“{{.Term}}” không có chữ nào.", arg)
	case classify.FaultBadNumber:
		why = lang.L("“{{.Term}}” không phải số hiệu; số hiệu có dạng như 03-CT/TW.", arg)
	case classify.FaultUnclosedParen:
		why = lang.L("thiếu dấu “)” đóng.")
	case classify.FaultUnopenedParen:
		why = lang.L("có dấu “)” mà không có dấu “(” mở.")
	case classify.FaultUnclosedSquare:
		why = lang.L("thiếu dấu “]” đóng.")
	case classify.FaultRepeat:
		why = lang.L("dấu *, + hoặc ? phải đứng sau một chữ.")
	case classify.FaultBackslash:
		why = lang.L("không được kết thúc bằng dấu “\\”.")
	case classify.FaultExpression:
		why = lang.L("biểu thức chưa đúng ({{.Detail}}).", arg)
	default:
		why = lang.L("không biết loại quy tắc này.")
	}
	return lang.L("Dòng {{.Line}} “{{.Text}}”: {{.Why}}", map[string]any{"Line": e.Line, "Text": e.Text, "Why": why})
}

// limitMessage says which limit a file went over, its value, and what
// the file had: a size, or "more than the limit" when reading stopped there.
func limitMessage(e *extract.LimitError) string {
	args := map[string]any{"Got": e.Got, "Limit": e.Limit, "Part": e.Part}
	if e.IsBytes() {
		args["Got"], args["Limit"] = extract.FormatBytes(e.Got), extract.FormatBytes(e.Limit)
	}
	var msg string
	switch {
	case e.What == "file size" && e.AtLeast:
		msg = lang.L("Tệp quá lớn: giải nén ra hơn {{.Limit}}, là giới hạn cho một tệp; đã dừng đọc ở đó.", args)
	case e.What == "file size":
		msg = lang.L("Tệp quá lớn: {{.Got}}, giới hạn cho một tệp là {{.Limit}}.", args)
	case e.What == "unzipped size" && e.AtLeast:
		msg = lang.L("Tệp nén giải nén ra hơn {{.Limit}}, là giới hạn cho một tệp nén; đã dừng đọc ở đó.", args)
	case e.What == "unzipped size":
		msg = lang.L("Tệp nén giải nén ra {{.Got}}, vượt giới hạn {{.Limit}} cho một tệp nén.", args)
	case e.What == "part size" && e.Part != "":
		return lang.L("Phần {{.Part}} của tệp giải nén ra hơn {{.Limit}}, là giới hạn cho một phần của văn bản (tệp nhỏ nhưng bị nén bất thường); đã dừng đọc ở đó.", args)
	case e.What == "part size":
		return lang.L("Một phần của tệp giải nén ra hơn {{.Limit}}, là giới hạn cho một phần của văn bản (tệp nhỏ nhưng bị nén bất thường); đã dừng đọc ở đó.", args)
	case e.What == "text size" && e.AtLeast:
		msg = lang.L("Chữ trong tệp dài hơn {{.Limit}}, là giới hạn cho một văn bản; đã dừng đọc ở đó.", args)
	case e.What == "text size":
		msg = lang.L("Chữ trong tệp dài {{.Got}}, vượt giới hạn {{.Limit}} cho một văn bản.", args)
	case e.What == "pages":
		msg = lang.L("Tệp PDF quá nhiều trang: {{.Got}}, giới hạn {{.Limit}}.", args)
	case e.What == "zip entries":
		msg = lang.L("Tệp nén chứa quá nhiều tệp: {{.Got}}, giới hạn {{.Limit}}.", args)
	case e.What == "zip nesting depth":
		msg = lang.L("Tệp nén lồng nhau quá nhiều lớp.")
	default:
		msg = lang.L("Tệp quá lớn.")
	}
	if e.Part != "" {
		return e.Part + ": " + msg
	}
	return msg
}

// OfficeLookalikes warns a person whose office name, the name their packs
// carry, has letters of another script that look like Vietnamese ones
// (index.OfficeLookalikes): each office they send to is warned that the
// pack may be forged.
func OfficeLookalikes(letters string) string {
	return lang.L("Tên nơi gửi có chữ cái không phải chữ Việt (“{{.Letters}}”: chữ Nga, Hy Lạp…) trông giống hệt chữ Việt, thường do gõ bằng bàn phím khác. Nơi nhận sẽ được cảnh báo rằng gói có thể do nơi khác làm để giả tên. Nên gõ lại tên bằng bộ gõ tiếng Việt.",
		map[string]any{"Letters": letters})
}

// bundleMessage says why a backup or pack was refused.
func bundleMessage(e *index.BundleError) string {
	return lang.L("Không nhận tệp {{.File}}: {{.Why}} Không có gì bị thay đổi.", map[string]any{"File": e.File, "Why": bundleWhy(e)})
}

// packStoppedMessage says how far a pack's import went before it stopped,
// why, and that importing it again adds the rest.
func packStoppedMessage(e *index.PackStoppedError) string {
	why := lang.L("dừng theo yêu cầu.")
	var be *index.BundleError
	switch {
	case errors.As(e.Err, &be):
		why = bundleWhy(be)
	case !errors.Is(e.Err, context.Canceled):
		why = Error(e.Err)
	}
	cats := ""
	if e.Categories > 0 {
		cats = N(", và {{.Count}} phong trào, chủ đề mới của gói", e.Categories, map[string]any{"Count": e.Categories})
	}
	return N("Việc nhập gói {{.File}} đã dừng giữa chừng: {{.Why}} Đã nhập {{.Done}} trong {{.Total}} văn bản của gói (đã lưu đủ, cùng tệp gốc){{.Categories}}; {{.Left}} văn bản còn lại chưa được nhập. Hãy nhập lại gói (bản còn nguyên vẹn): văn bản đã nhập sẽ được nhận là đã có, không bị nhập trùng.", e.Total,
		map[string]any{"File": e.File, "Why": why, "Done": e.Done, "Total": e.Total, "Categories": cats, "Left": e.Total - e.Done})
}

// bundleWhy says what is wrong with a backup or pack.
func bundleWhy(e *index.BundleError) string {
	arg := map[string]any{"Entry": e.Entry, "Limit": strconv.FormatInt(e.Limit>>20, 10)}
	var why string
	switch e.Reason {
	case index.BundleUnreadable:
		why = lang.L("không đọc được (không phải tệp nén zip, hoặc bị cắt ngắn).")
	case index.BundleNoManifest:
		why = lang.L("thiếu bảng kê các phần (manifest.json), hoặc bảng kê bị hỏng.")
	case index.BundleWrongKind:
		why = lang.L("không phải loại tệp này (ví dụ một bản sao lưu đưa vào chỗ gói văn bản).")
	case index.BundleMissing:
		why = lang.L("thiếu phần {{.Entry}} mà bảng kê có ghi.", arg)
	case index.BundleUnlisted:
		why = lang.L("có phần {{.Entry}} không ghi trong bảng kê.", arg)
	case index.BundleDuplicate:
		why = lang.L("phần {{.Entry}} có hai lần.", arg)
	case index.BundleAltered:
		why = lang.L("phần {{.Entry}} đã bị sửa (mã SHA-256 không khớp bảng kê).", arg)
	case index.BundleBadName:
		why = lang.L("phần {{.Entry}} có tên mà kho không bao giờ ghi (có thể nhằm ghi ra ngoài kho).", arg)
	case index.BundleBadDocument:
		why = lang.L("văn bản {{.Entry}} có mã, mã băm hoặc định dạng không khớp nhau (có thể nhằm ghi đè tệp khác).", arg)
	case index.BundleWrongOriginal:
		why = lang.L("tệp gốc {{.Entry}} không đúng nội dung mang tên nó (đã bị tráo).", arg)
	case index.BundleNoOriginal:
		why = lang.L("văn bản {{.Entry}} thiếu tệp gốc.", arg)
	case index.BundleTooLarge:
		if e.Entry == "" {
			why = lang.L("tổng dung lượng khi giải nén vượt giới hạn {{.Limit}} MB.", arg)
		} else {
			why = lang.L("phần {{.Entry}} khi giải nén vượt giới hạn {{.Limit}} MB.", arg)
		}
	case index.BundleTooManyEntries:
		why = N("tệp nén liệt kê hơn {{.Count}} phần, nhiều hơn bản sao lưu hay gói văn bản của bất kỳ kho nào (có thể là tệp giả, làm đầy bộ nhớ máy khi đọc); chưa đọc phần nào.", int(e.Limit), map[string]any{"Count": Count(int(e.Limit))})
	case index.BundleBadSignature:
		why = lang.L("chữ ký số không khớp: gói đã bị sửa sau khi ký, hoặc chữ ký là giả.")
	case index.BundleInconsistent:
		why = lang.L("tệp đã thay đổi trong lúc đang đọc; hãy thử lại.")
	case index.BundleBadOffice:
		why = N("tên nơi gửi dài quá {{.Count}} chữ hoặc có ký tự điều khiển, ký tự đảo chiều chữ (có thể nhằm làm rối màn hình).", int(e.Limit), map[string]any{"Count": e.Limit})
	default:
		why = e.Reason
	}
	return why
}

// backupMissingMessage names the documents whose original is missing.
func backupMissingMessage(e *index.BackupMissingError) string {
	var names []string
	for i, d := range e.Docs {
		if i == 5 {
			names = append(names, "…")
			break
		}
		name := "“" + d.Title + "” (" + d.ID + ")"
		if d.InTrash {
			name += " " + lang.L("trong Thùng rác")
		}
		names = append(names, name)
	}
	return N("Chưa sao lưu: {{.Count}} văn bản trong kho không còn tệp gốc: {{.List}}. Bản sao lưu sẽ thiếu chúng nên chưa ghi gì. Hãy kiểm tra kho (lệnh khovanban check).", len(e.Docs),
		map[string]any{"Count": Count(len(e.Docs)), "List": strings.Join(names, "; ")})
}

// Warning translates a warning code such as "scanned-no-ocr".
func Warning(code string) string {
	switch code {
	case extract.WarnScannedNoOCR:
		return lang.L("Có trang là ảnh chụp (bản scan) nên chưa đọc được chữ; chỉ tìm được phần chữ có sẵn.")
	case extract.WarnOCRFailed:
		return lang.L("Không nhận dạng được chữ ở một số trang ảnh chụp.")
	case extract.WarnPageUnreadable:
		return lang.L("Một số trang của tệp PDF bị hỏng; đã đọc các trang còn lại.")
	case extract.WarnPageTooLarge:
		return lang.L("Một số trang của tệp PDF quá nặng (nội dung giải nén vượt giới hạn cho một trang) nên đã bỏ qua; đã đọc các trang còn lại.")
	}
	return lang.L("Lưu ý: {{.Code}}", map[string]any{"Code": code})
}

// ImportTwins says how the files an import added become documents of the
// list: a file whose text another file already has (a .pdf beside its
// .docx, or a copy under another name) is on that document's row, and the
// kinds of those files are named as they are ("PDF, TXT"). "" when every
// file added is a document of its own.
func ImportTwins(rep *index.ImportReport) string {
	var kinds []string
	twins := rep.Twins
	for _, it := range rep.Items { // it lists a twin of each kind
		if it.Status == index.Added && it.Twin != "" {
			if k := fileKind(it.Path); !slices.Contains(kinds, k) {
				kinds = append(kinds, k)
			}
		}
	}
	if twins == 0 {
		return ""
	}
	slices.Sort(kinds)
	return lang.L("{{.Files}} tệp đã thêm là {{.Docs}} văn bản mới; {{.Twins}} tệp ({{.Kinds}}) có cùng nội dung với một tệp khác nên chung một dòng với văn bản đó trong danh sách.",
		map[string]any{"Files": Count(rep.Added), "Docs": Count(rep.Added - twins), "Twins": Count(twins), "Kinds": strings.Join(kinds, ", ")})
}

// fileKind is a file's kind as people name it: its extension in capitals
// ("PDF", "DOCX").
func fileKind(path string) string {
	ext := strings.ToUpper(strings.TrimPrefix(filepath.Ext(path), "."))
	if ext == "" {
		return "?"
	}
	return ext
}

// ImportedDocuments is how many documents an import added as the list
// counts them (the formats of one text once), and what follows that count
// when the files are more: 180, " (194 tệp)"; files that joined documents
// already in the archive are said apart, as such: 0, ", 2 tệp thêm vào
// văn bản đã có" (usertest session 10, finding 5: "thêm 0 văn bản (2
// tệp)").
func ImportedDocuments(rep *index.ImportReport) (int, string) {
	n := rep.Added - rep.Twins
	joined := rep.Joined
	if n == 0 {
		joined = rep.Twins // no new document: each twin joined one of the archive's
	}
	files := FilesBeside(n, rep.Added-joined)
	if joined > 0 {
		files += N(", {{.Count}} tệp thêm vào văn bản đã có", joined, map[string]any{"Count": Count(joined)})
	}
	return n, files
}

package messages

import (
	"errors"

	"fyne.io/fyne/v2/lang"

	"khovanban/index"
	"khovanban/index/classify"
)

// SizeMessage says which part of a campaign or topic is larger than the
// program takes, and its bound: "Quy tắc dòng 2 có hơn 200 từ, cụm từ.".
func SizeMessage(e *classify.SizeError) string {
	arg := map[string]any{"Limit": e.Limit, "Line": e.Line}
	switch e.Part {
	case classify.SizeName:
		return N("Tên dài quá {{.Limit}} chữ.", e.Limit, arg)
	case classify.SizeDescription:
		return N("Phần mô tả dài quá {{.Limit}} chữ.", e.Limit, arg)
	case classify.SizeRules:
		return N("Có hơn {{.Limit}} quy tắc.", e.Limit, arg)
	case classify.SizeTerms:
		return N("Quy tắc dòng {{.Line}} có hơn {{.Limit}} từ, cụm từ.", e.Limit, arg)
	case classify.SizeTerm:
		return N("Quy tắc dòng {{.Line}} có một từ, cụm từ dài quá {{.Limit}} chữ.", e.Limit, arg)
	case classify.SizeExpression:
		return lang.L("Biểu thức ở dòng {{.Line}} quá lớn: nó làm chậm mọi lần nhập và xếp lại văn bản.", arg)
	}
	return N("Các quy tắc dài quá {{.Limit}} byte cộng lại.", e.Limit, arg)
}

// MergeMessage says why two campaigns or topics were not merged: the one
// they would make is larger than a category may be.
func MergeMessage(e *classify.MergeError) string {
	arg := map[string]any{"From": e.From, "Into": e.Into, "Rules": e.Rules, "Limit": classify.MaxRules}
	var se *classify.SizeError
	if errors.As(e.Err, &se) && se.Part == classify.SizeRules {
		return lang.L("Chưa gộp “{{.From}}” vào “{{.Into}}”: gộp lại sẽ có {{.Rules}} quy tắc, quá giới hạn {{.Limit}} quy tắc của một phong trào, chủ đề (mọi quy tắc được thử trên từng văn bản khi nhập). Hãy bớt quy tắc của một trong hai rồi gộp lại. Chưa có gì thay đổi.", arg)
	}
	if se != nil {
		arg["Why"] = SizeMessage(se)
	} else {
		arg["Why"] = Error(e.Err) // SizeMessage(nil) would panic
	}
	return lang.L("Chưa gộp “{{.From}}” vào “{{.Into}}”: phong trào, chủ đề gộp lại sẽ quá lớn. {{.Why}} Hãy bớt quy tắc của một trong hai rồi gộp lại. Chưa có gì thay đổi.", arg)
}

// RefusedCategory says which campaign or topic of a pack is not added,
// and why; the pack's documents are imported all the same.
func RefusedCategory(r index.RefusedCategory) string {
	var why string
	var se *classify.SizeError
	var re *classify.RuleError
	switch {
	case errors.As(r.Err, &se):
		why = SizeMessage(se)
	case errors.As(r.Err, &re):
		why = RuleMessage(re)
	case errors.Is(r.Err, index.ErrTooManyCategories):
		why = lang.L("Gói mang quá nhiều phong trào, chủ đề mới (hoặc kho đã có đủ số cho phép); chỉ thêm những cái đầu tiên.")
	default:
		why = lang.L("Tên trống hoặc không phải phong trào, chủ đề.")
	}
	return lang.L("Không thêm phong trào, chủ đề “{{.Name}}”: {{.Why}}", map[string]any{"Name": r.Name, "Why": why})
}

// ListCut says which list of a pack's document import cuts, and to how
// many: "Văn bản “…”: gói ghi 5000 nơi nhận, chỉ lấy 200 đầu tiên."
func ListCut(c index.ListCut) string {
	var what string
	switch c.List {
	case index.FieldCampaigns:
		what = lang.L("phong trào")
	case index.FieldTopics:
		what = lang.L("chủ đề")
	case index.ListRecipients:
		what = lang.L("nơi nhận")
	case index.ListCitations:
		what = lang.L("văn bản được dẫn")
	case index.ListWarnings:
		what = lang.L("lưu ý khi đọc tệp")
	case index.ListNotTwins:
		what = lang.L("văn bản đã tách khỏi nhóm cùng nội dung")
	case index.ListFields:
		what = lang.L("ghi chú nguồn gốc thông tin")
	default:
		what = lang.L("lý do xếp vào phong trào, chủ đề")
	}
	return lang.L("Văn bản “{{.Title}}” ({{.ID}}): gói ghi {{.Had}} {{.What}}, nhiều hơn mọi văn bản; chỉ lấy {{.Kept}} đầu tiên, bỏ phần còn lại.",
		map[string]any{"Title": c.Title, "ID": c.ID, "Had": Count(c.Had), "What": what, "Kept": Count(c.Kept)})
}

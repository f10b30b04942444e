package index

import "khovanban/index/meta"

// DocumentTypes returns every document type the reader gives (see
// index/meta), each once, in alphabetical order: the types a person picks
// from when setting a document's type (any other may still be typed).
func DocumentTypes() []string { return meta.Types() }

// FieldLabel is the Vietnamese name people know a field by ("Trích yếu"
// for FieldTitle), or field itself when it is not one of EditableFields.
// The window and the command line show it through their translation
// files, where it is the key.
func FieldLabel(field string) string {
	switch field {
	case FieldTitle:
		return "Trích yếu"
	case FieldNumber:
		return "Số hiệu"
	case FieldType:
		return "Loại văn bản"
	case FieldIssuer:
		return "Cơ quan ban hành"
	case FieldDate:
		return "Ngày ban hành"
	case FieldYear:
		return "Năm"
	case FieldPlace:
		return "Nơi ban hành"
	case FieldSigner:
		return "Người ký"
	case FieldCampaigns:
		return "Phong trào"
	case FieldTopics:
		return "Chủ đề"
	case FieldSource:
		return "Nguồn"
	case FieldNotes:
		return "Ghi chú"
	}
	return field
}

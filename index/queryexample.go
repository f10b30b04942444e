package index

import (
	"strings"

	"khovanban/index/vntext"
)

// FilterExample is an example of the field filter named by name ("so:",
// "Loại:"), written with that name ("so:12-KH/ĐU", `Loại:"kế hoạch"`), for
// the message of a filter left empty (QueryEmptyFilter); a name that is
// no filter gets "năm:2014".
func FilterExample(name string) string {
	field, ok := filterNames[strings.ReplaceAll(vntext.Fold(strings.TrimSuffix(name, ":")), "_", "")]
	if !ok {
		return "năm:2014"
	}
	var value string
	switch field {
	case filterYear:
		value = "2014"
	case filterType:
		value = `"kế hoạch"`
	case filterCampaign:
		value = `"dân vận khéo"`
	case filterTopic:
		value = `"giáo dục"`
	case filterIssuer:
		value = `"huyện ủy"`
	case filterNumber:
		value = "12-KH/ĐU"
	case filterDate:
		value = "15/04/2026"
	}
	return name + value
}

package index

import (
	"khovanban/index/internal/lazyre"
	"strings"
)

// letterheadMax is how far into a text its letterhead is looked for.
const letterheadMax = 1500

// letterheadDate is the place-and-date line that ends a letterhead
// ("An Phú, ngày 6 tháng 12 năm 2023", a draft's "ngày   tháng   năm
// 2025"); letterheadMotto the motto or the Party's name that stands
// before it.
var (
	letterheadDate  = lazyre.New(`(?i)ngày[\s\d./…_-]*tháng[\s\d./…_-]*năm\s*\d{4}`)
	letterheadMotto = lazyre.New(`(?i)(hạnh phúc|đảng cộng sản việt nam)`)
)

// bodyStart is where a text begins past its letterhead (issuer, number,
// national motto, place and date): at the document's type and subject
// ("BÁO CÁO Tổng kết 5 năm…"), which tell documents apart in a list better
// than the letterhead they share. 0 when no letterhead is found.
func bodyStart(text string) int {
	head := text[:min(len(text), letterheadMax)]
	end := 0
	if loc := letterheadDate.FindStringIndex(head); loc != nil {
		end = loc[1]
	} else if loc := letterheadMotto.FindStringIndex(head); loc != nil {
		end = loc[1]
	} else {
		return 0
	}
	// The rest of that line belongs to it.
	if nl := strings.IndexByte(text[end:], '\n'); nl >= 0 {
		end += nl + 1
	} else {
		return 0 // nothing but the letterhead
	}
	if strings.TrimSpace(text[end:]) == "" {
		return 0
	}
	return end
}

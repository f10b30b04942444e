package messages

import (
	"encoding/json"
	"regexp"
	"strings"
	"sync"

	"fyne.io/fyne/v2/lang"

	"khovanban/assets"
)

// Reason is why the reader gave a field its value (index.FieldInfo.Why,
// which index/meta writes in Vietnamese: the rule's phrases, a line number,
// the line itself in «»), in the language in use. The phrases between
// commas, semicolons, colons and brackets are keys of the translation
// files, the longest run of them that is a key first; quoted lines, values
// read from the document and phrases the files lack stay as they are.
func Reason(why string) string {
	parts := splitReason(why)
	var b strings.Builder
	for i := 0; i < len(parts); {
		if !parts[i].phrase {
			b.WriteString(parts[i].text)
			i++
			continue
		}
		text, n := translateRun(parts[i:])
		b.WriteString(text)
		i += n
	}
	return b.String()
}

// reasonPart is a phrase of a reason, or what stands between two phrases
// (a separator or a quoted line).
type reasonPart struct {
	text   string
	phrase bool
}

// splitReason cuts a reason into phrases and what separates them.
func splitReason(why string) []reasonPart {
	var parts []reasonPart
	for why != "" {
		if strings.HasPrefix(why, "«") {
			end := strings.Index(why, "»")
			if end < 0 {
				end = len(why)
			} else {
				end += len("»")
			}
			parts = append(parts, reasonPart{text: why[:end]})
			why = why[end:]
			continue
		}
		i := strings.IndexAny(why, ",;:()«")
		switch {
		case i < 0:
			i = len(why)
		case i == 0:
			parts = append(parts, reasonPart{text: why[:1]})
			why = why[1:]
			continue
		}
		parts = append(parts, reasonPart{text: why[:i], phrase: true})
		why = why[i:]
	}
	return parts
}

// translateRun translates the longest run of phrases at the start of parts
// joined by commas that is a key ("dòng địa danh, ngày tháng"), else the
// first phrase alone, and says how many parts it took.
func translateRun(parts []reasonPart) (string, int) {
	for n := min(len(parts), 5); n > 1; n-- {
		if !parts[n-1].phrase {
			continue
		}
		var run strings.Builder
		joined := true
		for _, p := range parts[:n] {
			if !p.phrase && p.text != "," {
				joined = false
				break
			}
			run.WriteString(p.text)
		}
		if !joined {
			continue
		}
		if t, ok := reasonPhrase(run.String()); ok {
			return t, n
		}
	}
	t, _ := reasonPhrase(parts[0].text)
	return t, 1
}

var (
	reasonLine  = regexp.MustCompile(`^dòng (\d+)$`)
	reasonCode  = regexp.MustCompile(`^mã loại (\S+) trong số hiệu$`)
	reasonMonth = regexp.MustCompile(`^chỉ có tháng (\d+) năm (\d+)$`)
)

// reasonPhrase translates one phrase, keeping the spaces around it, and
// says whether the translation files have it. A phrase they lack is not
// given to lang.L, which would log each miss.
func reasonPhrase(p string) (string, bool) {
	t := strings.TrimSpace(p)
	var out string
	if m := reasonLine.FindStringSubmatch(t); m != nil {
		out = lang.L("dòng {{.Line}}", map[string]any{"Line": m[1]})
	} else if m := reasonCode.FindStringSubmatch(t); m != nil {
		out = lang.L("mã loại {{.Code}} trong số hiệu", map[string]any{"Code": m[1]})
	} else if m := reasonMonth.FindStringSubmatch(t); m != nil {
		out = lang.L("chỉ có tháng {{.Month}} năm {{.Year}}", map[string]any{"Month": m[1], "Year": m[2]})
	} else if hand, ok := handDate(t); ok {
		out = hand
	} else if translationKeys()[t] {
		// A key of the files (checked just now), so lang.X, not lang.L, whose
		// keys TestTranslationsComplete wants as constants to check them.
		out = lang.X(t, t)
	} else {
		return p, false
	}
	lead := p[:strings.Index(p, t)]
	return lead + out + p[len(lead)+len(t):], true
}

// handDate translates the words index/meta puts before a handwritten
// date's doubt ("ngày " or "ngày, tháng " and "số viết tay, …"), which no
// string of index holds whole: in English the row read "Date issued,
// Year: ngày số viết tay, read automatically — to check" (usertest s28).
func handDate(t string) (string, bool) {
	switch t {
	case "ngày số viết tay":
		return lang.L("ngày số viết tay"), true
	case "ngày, tháng số viết tay":
		return lang.L("ngày, tháng số viết tay"), true
	}
	return "", false
}

// translationKeys are the keys of the translation files (the same in
// both: TestTranslationsComplete), read once from the embedded files.
var translationKeys = sync.OnceValue(func() map[string]bool {
	keys := map[string]bool{}
	data, err := assets.Translations.ReadFile("translations/" + English + ".json")
	if err != nil {
		return keys
	}
	var m map[string]any
	if json.Unmarshal(data, &m) != nil {
		return keys
	}
	for k := range m {
		keys[k] = true
	}
	return keys
})

// ShortReason is Reason cut to what a list's row has room for: the
// first of the reason's clauses (apart by "; ") that says what is in
// doubt ("số viết tay, đọc tự động — cần kiểm tra"), without the line it
// was read on (`dòng 4 «Số: …»`, which the reader shows); "" when every
// clause says only where the value was read ("ô số hiệu, dòng 6 «…»").
func ShortReason(why string) string {
	pick := ""
	for c := range strings.SplitSeq(why, "; ") {
		if doubtful(c) {
			pick = c
			break
		}
	}
	var kept []reasonPart
	for _, p := range splitReason(pick) {
		switch {
		case strings.HasPrefix(p.text, "«"):
			continue
		case p.phrase && (reasonLine.MatchString(strings.TrimSpace(p.text)) || strings.TrimSpace(p.text) == "dòng"):
			// "dòng 4", or "dòng" alone before the line quoted
			// (index/meta's quoted line, `dòng «Số: …»`): the row
			// ended "…dưới dòng tên loại, dòng" (usertest s25).
			continue
		case p.phrase && strings.TrimSpace(p.text) == lateHeader:
			continue
		}
		kept = append(kept, p)
	}
	// The separators left without a phrase after them go (a space
	// alone is none: "…, (chữ nhận dạng…)" where a line was cut out),
	// and any that end the clause.
	var b strings.Builder
	for i, p := range kept {
		if !p.phrase && !strings.ContainsAny(p.text, "()") {
			j := i + 1
			for j < len(kept) && kept[j].phrase && strings.TrimSpace(kept[j].text) == "" {
				j++
			}
			if j >= len(kept) || !kept[j].phrase {
				continue
			}
		}
		b.WriteString(p.text)
	}
	short := strings.Trim(b.String(), " ,;:")
	return Reason(strings.Join(strings.Fields(short), " "))
}

// lateHeader is the words index/meta puts before the line of a header
// printed after the text.
const lateHeader = "đầu văn bản in sau nội dung"

// doubtful reports whether a clause of a reason says what is in doubt,
// rather than only where the value was read.
func doubtful(clause string) bool {
	for _, w := range []string{"không", "cần", "viết tay", "chưa", "mờ", "ghép", "đoán", "lấy", "dự thảo", "nhận dạng", "có thể"} {
		if strings.Contains(clause, w) {
			return true
		}
	}
	return false
}

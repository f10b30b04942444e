package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"khovanban/index/internal/lazyre"
)

// chromeLine matches whole lines that are a web site's furniture, not a
// document's text: visitor counters, view counts, print/send/share
// buttons, breadcrumbs, copyright footers and URL slugs. The patterns are
// strict on purpose: a line of a normal document must never match.
var chromeLine = lazyre.New(`(?i)^(?:` + strings.Join([]string{
	`truy cập hiện tại`,
	`(?:hiện )?(?:đang|có) (?:có )?[\d.,]+ (?:khách|người).*(?:online|trực tuyến)`,
	`(?:số lượt xem|lượt xem|lượt đọc|số lần xem(?: các bài viết)?|lượt truy cập|tổng (?:số )?lượt truy cập|thống kê truy cập|khách (?:online|trực tuyến)|thành viên (?:online|trực tuyến))\s*:?\s*[\d.,]*`,
	`(?:hôm nay|hôm qua|tuần này|tháng này|tất cả|đang truy cập|đang online|trực tuyến)\s*:\s*[\d.,]+`,
	`(?:ngày đăng|cập nhật|đăng lúc|đăng ngày)\s*:?.{0,40}\|\s*lượt xem\s*:?\s*[\d.,]+`,
	`(?:bản in|in bài(?: viết| này)?|gửi bài(?: viết)?|gửi email|gửi cho bạn bè|chia sẻ(?: facebook)?|lên đầu trang|về đầu trang|xem tiếp|đọc tiếp|tin liên quan|các tin khác|tin mới hơn|tin cũ hơn|bài viết liên quan|liên kết website)`,
	`(?:bản in|in bài(?: viết)?|gửi bài(?: viết)?|gửi email|chia sẻ)(?:\s*[|/·•-]?\s*(?:bản in|in bài(?: viết)?|gửi bài(?: viết)?|gửi email|chia sẻ|bình luận|email|facebook|zalo))+`,
	`trang chủ\s*[»>/|›].*`,
	`(?:bản quyền|copyright)\s*(?:©|\(c\)|thuộc).{0,200}`,
	`©.{0,200}`,
	`ghi rõ nguồn.{0,120}phát hành lại.*`,
	`(?-i:[A-Za-z][a-z0-9]*(?:-[a-z0-9]+){3,})`, // a URL slug; not "KH-UBND-2020-15"
}, "|") + `)\.?$`)

// dropWebChrome removes the lines of a page saved from a browser as text
// that are the site's furniture. A line is dropped when it matches
// chromeLine. A block (lines between blank lines) of short lines with at
// least one such line is a sidebar or footer, and dropped whole.
// A normal document has no such lines and comes back unchanged.
func dropWebChrome(s string) string {
	if !chromeCandidate(s) {
		return s
	}
	blocks := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n")
	kept := blocks[:0]
	for _, block := range blocks {
		lines := strings.Split(block, "\n")
		chrome, short := 0, true
		for _, l := range lines {
			l = strings.TrimSpace(l)
			if isChromeLine(l) {
				chrome++
			}
			if utf8.RuneCountInString(l) > 60 {
				short = false
			}
		}
		switch {
		case chrome == 0:
			kept = append(kept, block)
		case short:
			// a sidebar or footer block: drop it whole
		default:
			var keep []string
			for _, l := range lines {
				if !isChromeLine(strings.TrimSpace(l)) {
					keep = append(keep, l)
				}
			}
			kept = append(kept, strings.Join(keep, "\n"))
		}
	}
	return strings.Join(kept, "\n\n")
}

func isChromeLine(l string) bool {
	if l == "" || len(l) > 300 || !chromeStart(l) {
		return false
	}
	return chromeLine.MatchString(l)
}

// chromeStarts are the words chromeLine's patterns begin with, in lower
// case, by their first letter (those that begin with a letter and ignore
// case; the URL slug and "©" are tested apart).
var chromeStarts = map[rune][]string{
	'b': {"bản", "bài"},
	'c': {"có", "cập", "chia", "các", "copyright"},
	'đ': {"đang", "đăng", "đọc"},
	'g': {"gửi", "ghi"},
	'h': {"hiện", "hôm"},
	'i': {"in"},
	'k': {"khách"},
	'l': {"lượt", "lên", "liên"},
	'n': {"ngày"},
	's': {"số"},
	't': {"truy", "tổng", "thống", "thành", "tuần", "tháng", "tất", "trực", "tin", "trang"},
	'v': {"về"},
	'x': {"xem"},
}

// chromeStart is a quick test, before chromeLine (whose backtracking over
// every line of every text was 2% of an import's CPU), that line l begins
// the way one of its patterns does: with one of chromeStarts' words in any
// case (the fold of each letter as chromeLine's (?i) takes it), with "©",
// or, for a URL slug, with an ASCII letter and without a space. Every line
// chromeLine matches passes it (TestChromeStartKeepsEveryMatch).
func chromeStart(l string) bool {
	if c := l[0]; c < utf8.RuneSelf && (c|0x20 >= 'a' && c|0x20 <= 'z') && strings.IndexByte(l, ' ') < 0 {
		return true // perhaps a URL slug
	}
	r, _ := utf8.DecodeRuneInString(l)
	if r == '©' {
		return true
	}
	for _, w := range chromeStarts[startKey(r)] {
		if hasFoldPrefix(l, w) {
			return true
		}
	}
	return false
}

// startKey is the key of chromeStarts a line's first rune r may fold to:
// its lower case, but for the long s, whose fold is s.
func startKey(r rune) rune {
	if r == 'ſ' {
		return 's'
	}
	return unicode.ToLower(r)
}

// hasFoldPrefix reports whether s begins with prefix under simple case
// folding, as a regular expression's (?i) matches a literal.
func hasFoldPrefix(s, prefix string) bool {
	for _, p := range prefix {
		if s == "" {
			return false
		}
		r, n := utf8.DecodeRuneInString(s)
		if !foldEqual(r, p) {
			return false
		}
		s = s[n:]
	}
	return true
}

// foldEqual reports whether r and p are the same letter under simple case
// folding (unicode.SimpleFold's orbit, which regexp's (?i) uses).
func foldEqual(r, p rune) bool {
	if r == p {
		return true
	}
	for f := unicode.SimpleFold(p); f != p; f = unicode.SimpleFold(f) {
		if f == r {
			return true
		}
	}
	return false
}

// chromeCandidate is a cheap test that s may have any chrome at all, so
// that long normal documents skip the line-by-line regexp work.
func chromeCandidate(s string) bool {
	for l := range strings.Lines(s) {
		if isChromeLine(strings.TrimSpace(l)) {
			return true
		}
	}
	return false
}

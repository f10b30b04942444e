package extract

import (
	"strings"
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
	if l == "" || len(l) > 300 {
		return false
	}
	return chromeLine.MatchString(l)
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

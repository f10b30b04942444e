package extract

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"mime/quotedprintable"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// planPage is the page the fixtures save: a commune plan laid out as Word
// and portals lay one out, the header in a two-column table.
const planPage = `<html><head><title>Kế hoạch tổ chức Ngày hội Đại đoàn kết</title></head><body>
<table><tr><td><p>ỦY BAN NHÂN DÂN<br>XÃ AN BÌNH</p><p>Số: 15/KH-UBND</p></td>
<td><p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</p><p><i>An Bình, ngày 20 tháng 10 năm 2026</i></p></td></tr></table>
<p align=center><b>KẾ HOẠCH</b></p>
<p align=center><b>Tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2026</b></p>
<p>Thực hiện Hướng dẫn của Ban Thường trực Ủy ban MTTQ Việt Nam huyện về tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư, Ủy ban nhân dân xã xây dựng kế hoạch như sau:</p>
<p>1. Mỗi ấp tổ chức phần lễ và phần hội, biểu dương gia đình văn hóa tiêu biểu, hộ nghèo vươn lên thoát nghèo.</p>
<p><b>CHỦ TỊCH</b></p><p><b>Nguyễn Văn Hùng</b></p>
</body></html>`

// cp1258Bytes writes s in Windows-1258: a base letter (ê, ơ, ư, ă, â, ô,
// đ have codes) followed by a combining tone mark.
func cp1258Bytes(t testing.TB, s string) []byte {
	enc := charmap.Windows1258
	var out []byte
	for _, r := range norm.NFC.String(s) {
		if b, ok := enc.EncodeRune(r); ok {
			out = append(out, b)
			continue
		}
		var rest, tone []rune // the tone mark apart, the rest composed
		for _, c := range norm.NFD.String(string(r)) {
			if strings.ContainsRune("\u0300\u0301\u0303\u0309\u0323", c) {
				tone = append(tone, c)
			} else {
				rest = append(rest, c)
			}
		}
		for _, c := range append([]rune(norm.NFC.String(string(rest))), tone...) {
			b, ok := enc.EncodeRune(c)
			if !ok {
				t.Fatalf("%q: no Windows-1258 code for %q", r, c)
			}
			out = append(out, b)
		}
	}
	return out
}

func qp(b []byte) string {
	var buf bytes.Buffer
	w := quotedprintable.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.String()
}

// b64 wraps base64 in 76-character lines, as mail and MHTML writers do.
func b64(b []byte) string {
	s := base64.StdEncoding.EncodeToString(b)
	var out strings.Builder
	for len(s) > 76 {
		out.WriteString(s[:76] + "\r\n")
		s = s[76:]
	}
	return out.String() + s + "\r\n"
}

// gifPixel is a picture part's body: a 1×1 GIF.
var gifPixel = []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")

// mhtFixtures are web archives in the shapes the programs that write
// them give: Internet Explorer (quoted-printable Windows-1258, CR LF),
// Word (a preamble, quoted-printable UTF-8, its list of parts), Chrome
// (base64 UTF-8 after a picture, nested in multipart/alternative).
func mhtFixtures(t testing.TB) map[string]string {
	const ieB = "----=_NextPart_000_0000_01DC4A1B.2F3E5D60"
	ie := strings.ReplaceAll(`From: <Saved by Windows Internet Explorer 8>
Subject: =?windows-1258?Q?K=EA=CC_ho=A5ch?=
Date: Tue, 20 Oct 2026 09:12:44 +0700
MIME-Version: 1.0
Content-Type: multipart/related;
	type="text/html";
	boundary="`+ieB+`"
X-MimeOLE: Produced By Microsoft MimeOLE V6.1.7601.24000

This is a multi-part message in MIME format.

--`+ieB+`
Content-Type: text/html;
	charset="windows-1258"
Content-Transfer-Encoding: quoted-printable
Content-Location: http://anbinh.gov.vn/van-ban/ke-hoach-15.htm

`, "\n", "\r\n") + qp(cp1258Bytes(t, strings.Replace(planPage, "<head>", `<head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258">`, 1))) + strings.ReplaceAll(`

--`+ieB+`
Content-Type: image/gif
Content-Transfer-Encoding: base64
Content-Location: http://anbinh.gov.vn/images/logo.gif

`, "\n", "\r\n") + b64(gifPixel) + "\r\n--" + ieB + "--\r\n"

	const wordB = "----=_NextPart_01DC4A1B.2F3E5D60"
	wordPage := strings.Replace(planPage, "<html>", `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"><meta name=Generator content="Microsoft Word 15">`, 1)
	word := `MIME-Version: 1.0
Content-Type: multipart/related; boundary="` + wordB + `"

This document is a Single File Web Page, also known as a Web Archive file.  If you are seeing this message, your browser or editor doesn't support Web Archive files.  Please download a browser that supports Web Archive.

--` + wordB + `
Content-Location: file:///C:/F3B2A1C0/KH15.htm
Content-Transfer-Encoding: quoted-printable
Content-Type: text/html; charset="utf-8"

` + qp([]byte(wordPage)) + `

--` + wordB + `
Content-Location: file:///C:/F3B2A1C0/KH15_files/filelist.xml
Content-Transfer-Encoding: quoted-printable
Content-Type: text/xml; charset="utf-8"

<xml xmlns:o=3D"urn:schemas-microsoft-com:office:office">
 <o:MainFile HRef=3D"../KH15.htm"/>
</xml>
--` + wordB + `--
`

	const outer, inner = "----MultipartBoundary--outer", "----MultipartBoundary--inner"
	chrome := `From: <Saved by Blink>
Snapshot-Content-Location: https://anbinh.gov.vn/ke-hoach-15
Subject: =?utf-8?Q?K=E1=BA=BF_ho=E1=BA=A1ch?=
MIME-Version: 1.0
Content-Type: multipart/related;
	type="text/html";
	boundary="` + outer + `"


--` + outer + `
Content-Type: image/gif
Content-Transfer-Encoding: base64
Content-Location: https://anbinh.gov.vn/logo.gif

` + b64(gifPixel) + `
--` + outer + `
Content-Type: multipart/alternative; boundary="` + inner + `"

--` + inner + `
Content-Type: text/plain

not the page
--` + inner + `
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: base64
Content-Location: https://anbinh.gov.vn/ke-hoach-15

` + b64([]byte(planPage)) + `
--` + inner + `--

--` + outer + `--
`
	// a copy whose line ends went through a program that added a CR, with
	// an "=" no writer should leave: the standard reader stops at the first
	loc := "ke-hoach-15.htm\r\n\r\n"
	at := strings.Index(ie, loc) + len(loc)
	broken := ie[:at] + "<!-- a=b -->" + strings.ReplaceAll(ie[at:], "=\r\n", "=\r\r\n")
	return map[string]string{"ie.mht": ie, "word.mht": word, "chrome.mhtml": chrome, "broken-qp.mht": broken}
}

// TestMHT reads the page of each web archive as its .html would be read:
// the header lines each on a line of their own, every tone kept.
func TestMHT(t *testing.T) {
	for name, data := range mhtFixtures(t) {
		t.Run(name, func(t *testing.T) {
			res, err := Extract(context.Background(), name, []byte(data), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Format != "mht" {
				t.Errorf("format %q", res.Format)
			}
			lines := map[string]bool{}
			for _, l := range strings.Split(res.Text, "\n") {
				lines[strings.TrimSpace(l)] = true
			}
			for _, want := range []string{"Số: 15/KH-UBND", "KẾ HOẠCH", "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2026",
				"An Bình, ngày 20 tháng 10 năm 2026", "Nguyễn Văn Hùng"} {
				if !lines[want] {
					t.Errorf("line %q missing from\n%s", want, res.Text)
				}
			}
			if want := "hộ nghèo vươn lên thoát nghèo"; !strings.Contains(res.Text, want) {
				t.Errorf("%q missing from\n%s", want, res.Text)
			}
			if strings.Contains(res.Text, "not the page") || strings.Contains(res.Text, "GIF89") {
				t.Errorf("another part read:\n%s", res.Text)
			}
		})
	}
}

func TestMHTNotAnArchive(t *testing.T) {
	// a page saved as .mht by a program that wrote plain HTML
	res, err := Extract(context.Background(), "plain.mht", []byte(planPage), Options{})
	if err != nil || !strings.Contains(res.Text, "Số: 15/KH-UBND") {
		t.Errorf("plain HTML: err %v, text\n%s", err, res.Text)
	}
	for name, data := range map[string]string{
		"no page":   "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: image/gif\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64(gifPixel) + "--b--\r\n",
		"not mime":  "just some words, no header\nand no page",
		"truncated": fmt.Sprintf("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n%s", strings.Repeat("x", 100)),
	} {
		if _, err := Extract(context.Background(), "x.mht", []byte(data), Options{}); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: err %v, want ErrCorrupt", name, err)
		}
	}
}

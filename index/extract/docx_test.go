package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// buildZip writes the named files into a zip.
func buildZip(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`

// buildDocx makes a .docx whose body is the given WordprocessingML.
func buildDocx(t testing.TB, body, header, styles string) []byte {
	files := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml":   `<?xml version="1.0" encoding="UTF-8"?><w:document ` + wordNS + `><w:body>` + body + `</w:body></w:document>`,
	}
	if header != "" {
		files["word/header1.xml"] = `<w:hdr ` + wordNS + `>` + header + `</w:hdr>`
	}
	if styles != "" {
		files["word/styles.xml"] = `<w:styles ` + wordNS + `>` + styles + `</w:styles>`
	}
	return buildZip(t, files)
}

func wPara(text string) string {
	return `<w:p><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

func TestDocxStructure(t *testing.T) {
	body := `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Báo cáo sơ kết</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>Đoạn một, </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>chữ đậm</w:t></w:r><w:r><w:tab/><w:t>sau tab</w:t></w:r></w:p>` +
		`<w:tbl><w:tr><w:tc>` + wPara("Ô một") + `</w:tc><w:tc>` + wPara("Ô hai") + `</w:tc></w:tr></w:tbl>` +
		// legacy fonts: a TCVN3 run, a VNI run, and a run from a style's font
		`<w:p><w:r><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr><w:t>§¶ng bé x·</w:t></w:r></w:p>` +
		`<w:p><w:r><w:rPr><w:rFonts w:ascii="VNI-Times"/></w:rPr><w:t>Xin chaøo</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:pStyle w:val="Old"/></w:pPr><w:r><w:t>Uû ban nh©n d©n</w:t></w:r></w:p>` +
		// text boxes come twice (Choice and Fallback); field codes are hidden
		`<w:p><mc:AlternateContent><mc:Choice><w:r><w:t>Hộp chữ</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>Hộp chữ</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>` +
		`<w:p><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>Hết</w:t></w:r></w:p>`
	styles := `<w:style w:styleId="Base"><w:rPr><w:rFonts w:ascii=".VnTime"/></w:rPr></w:style>` +
		`<w:style w:styleId="Old"><w:basedOn w:val="Base"/></w:style>`
	data := buildDocx(t, body, wPara("Huyện ủy Chợ Mới"), styles)
	res, err := Extract(context.Background(), "a.docx", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "Huyện ủy Chợ Mới\n\nBáo cáo sơ kết\n\nĐoạn một, chữ đậm\tsau tab\n\nÔ một\n\nÔ hai\n\nĐảng bộ xã\n\nXin chào\n\nUỷ ban nhân dân\n\nHộp chữ\n\nHết"
	if res.Text != want {
		t.Errorf("got\n%q\nwant\n%q", res.Text, want)
	}
	if res.Encoding != encTCVN3 {
		t.Errorf("encoding %q, want tcvn3", res.Encoding)
	}
}

func TestDocxBad(t *testing.T) {
	ctx := context.Background()
	noBody := buildZip(t, map[string]string{"word/other.xml": "x"})
	if _, err := Extract(ctx, "a.docx", noBody, Options{}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("no document.xml: err = %v", err)
	}
	badXML := buildDocx(t, "<w:p><w:r><w:t>cut", "", "")
	if _, err := Extract(ctx, "a.docx", badXML, Options{}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("broken XML: err = %v", err)
	}
	// document.xml inflating past the limit: a bomb inside a docx
	big := buildDocx(t, wPara(strings.Repeat("a", 2<<20)), "", "")
	_, err := Extract(ctx, "a.docx", big, Options{Limits: Limits{MaxUnzippedBytes: 1 << 20}})
	var le *LimitError
	if !errors.Is(err, ErrTooLarge) || !errors.As(err, &le) || le.What != limitUnzippedBytes {
		t.Errorf("bomb: err = %v", err)
	}
}

// fivePageDocx is a document of about five pages: 60 paragraphs and a
// 20-row table.
func fivePageDocx(t testing.TB) []byte {
	var b strings.Builder
	para := "Ban Thường vụ Huyện ủy Chợ Mới yêu cầu các chi, đảng bộ, các ngành liên quan thực hiện tốt những phần việc quan trọng, tổ chức phổ biến quán triệt nội dung khẩu hiệu hành động cho tất cả cán bộ, đảng viên, công chức."
	for i := range 60 {
		fmt.Fprintf(&b, `<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Times New Roman"/><w:sz w:val="28"/></w:rPr><w:t>%d. %s</w:t></w:r></w:p>`, i, para)
	}
	b.WriteString("<w:tbl>")
	for i := range 20 {
		fmt.Fprintf(&b, "<w:tr><w:tc>%s</w:tc><w:tc>%s</w:tc><w:tc>%s</w:tc></w:tr>", wPara(fmt.Sprint(i)), wPara("Kiểm tra, giám sát việc thực hiện"), wPara("Ủy ban Kiểm tra Huyện ủy"))
	}
	b.WriteString("</w:tbl>")
	return buildDocx(t, b.String(), wPara("Huyện ủy Chợ Mới"), "")
}

func BenchmarkDocx(b *testing.B) {
	data := fivePageDocx(b)
	ctx := context.Background()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Extract(ctx, "bench.docx", data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "files/s")
}

func FuzzDocx(f *testing.F) {
	f.Add(readTestdata(f, "vn.docx"))
	f.Add(readTestdata(f, "vntime.docx"))
	f.Fuzz(func(t *testing.T, data []byte) {
		Extract(context.Background(), "f.docx", data, Options{Limits: Limits{MaxUnzippedBytes: 8 << 20}})
	})
}

// TestDocxLostLegacyFont: TCVN3 text whose .VnTime font was replaced by
// a Unicode one is still recognised, paragraph by paragraph.
func TestDocxLostLegacyFont(t *testing.T) {
	body := wPara("Uû ban nh©n d©n x· T©n Hßa triÓn khai ChØ thÞ sè 03") + wPara("Le café est très bon.")
	res, err := Extract(context.Background(), "a.docx", buildDocx(t, body, "", ""), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "Uỷ ban nhân dân xã Tân Hòa triển khai Chỉ thị số 03\n\nLe café est très bon."
	if res.Text != want || res.Encoding != encTCVN3 {
		t.Errorf("got %q (%s), want %q", res.Text, res.Encoding, want)
	}
}

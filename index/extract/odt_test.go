package extract

import (
	"context"
	"errors"
	"testing"
)

func TestODTStructure(t *testing.T) {
	content := `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:text>` +
		`<text:h>Tiêu đề</text:h><text:p>Một<text:s text:c="3"/>hai<text:tab/>ba<text:line-break/>bốn <text:span>năm</text:span></text:p>` +
		`<office:annotation><text:p>ghi chú ẩn</text:p></office:annotation>` +
		`<table:table><table:table-row><table:table-cell><text:p>Ô một</text:p></table:table-cell><table:table-cell><text:p>Ô hai</text:p></table:table-cell></table:table-row></table:table>` +
		`</office:text></office:body></office:document-content>`
	styles := `<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:master-styles><style:master-page><style:header><text:p>Đầu trang</text:p></style:header></style:master-page></office:master-styles></office:document-styles>`
	data := buildZip(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": content, "styles.xml": styles})
	res, err := Extract(context.Background(), "a.odt", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "Đầu trang\n\nTiêu đề\n\nMột hai\tba\nbốn năm\n\nÔ một\n\nÔ hai"
	if res.Text != want {
		t.Errorf("got\n%q\nwant\n%q", res.Text, want)
	}
}

func TestODTEncrypted(t *testing.T) {
	data := buildZip(t, map[string]string{
		"content.xml":           "encrypted bytes",
		"META-INF/manifest.xml": `<manifest:manifest><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>`,
	})
	if _, err := Extract(context.Background(), "a.odt", data, Options{}); !errors.Is(err, ErrEncrypted) {
		t.Errorf("err = %v, want ErrEncrypted", err)
	}
}

func FuzzODT(f *testing.F) {
	f.Add(readTestdata(f, "vn.odt"))
	f.Fuzz(func(t *testing.T, data []byte) {
		Extract(context.Background(), "f.odt", data, Options{Limits: Limits{MaxUnzippedBytes: 8 << 20}})
	})
}

package index

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// testDocs are small documents in the layouts the archive meets, written
// for these tests. Each name says what the document is for.
var testDocs = map[string]string{
	"kh-quyet-tam.txt": `ĐẢNG BỘ HUYỆN CHỢ MỚI
ĐẢNG ỦY XÃ KIẾN AN
Số 12-KH/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Kiến An, ngày 14 tháng 4 năm 2014

KẾ HOẠCH
Về việc thực hiện khẩu hiệu hành động 3 không - 3 cần - 3 quyết tâm

Nhằm tiếp tục đẩy mạnh việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, Đảng ủy xã xây dựng kế hoạch như sau.
Mỗi cán bộ, đảng viên phải quyết tâm hoàn thành tốt nhiệm vụ, nói đi đôi với làm.
Ủy ban nhân dân xã phối hợp với Mặt trận tổ chức hòa giải ở cơ sở.

T/M ĐẢNG ỦY
BÍ THƯ
Nguyễn Văn An
`,
	"bc-typo.txt": `UBND XÃ LONG ĐIỀN B
Số: 45/BC-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Long Điền B, ngày 20 tháng 6 năm 2019

BÁO CÁO
Sơ kết 6 tháng đầu năm xây dựng nông thôn mới

Kết quả thực hiện các tiêu chí nông thôn mới đạt khá; nhân dân quyết tầm đóng góp ngày công làm đường giao thông nông thôn.
Công tác hoà giải được duy trì; uỷ ban đã tiếp nhận 12 đơn.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trần Thị Bình
`,
	"tb-can-bo-far.txt": `HUYỆN ỦY CHỢ MỚI
Số 05-TB/HU
ĐẢNG CỘNG SẢN VIỆT NAM
Chợ Mới, ngày 3 tháng 1 năm 2016

THÔNG BÁO
Về lịch làm việc của Thường trực Huyện ủy

Thường trực làm việc với các bộ phận chuyên môn. Cán sự các ban tham dự đầy đủ. Đề nghị Văn phòng Huyện ủy chuẩn bị tài liệu, tổ chức hội nghị quyết định những vấn đề cấp bách.
`,
	"ct-dan-van.txt": `HUYỆN ỦY CHỢ MỚI
Số 03-CT/HU
ĐẢNG CỘNG SẢN VIỆT NAM
Chợ Mới, ngày 10 tháng 5 năm 2021

CHỈ THỊ
Về tăng cường công tác dân vận trong tình hình mới

Thực hiện Kế hoạch số 12-KH/ĐU của Đảng ủy xã Kiến An, Ban Thường vụ Huyện ủy chỉ thị: đội ngũ cán bộ, đảng viên phải gần dân, nêu gương trong công tác dân vận khéo.
Phát huy vai trò của Mặt trận Tổ quốc và các đoàn thể trong xây dựng nông thôn mới.

T/M BAN THƯỜNG VỤ
BÍ THƯ
Lê Văn Cường
`,
}

// newTestArchive opens a new archive in a temporary folder. When the test
// ends, the archive is checked (see requireCheck) and closed.
func newTestArchive(t testing.TB) *Archive {
	t.Helper()
	a, err := Open(filepath.Join(t.TempDir(), "archive"), Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if !t.Failed() {
			requireCheck(t, a)
		}
		_ = a.Close()
	})
	return a
}

// requireCheck fails the test when Check finds anything wrong with the
// archive; one the test closed is opened again to be checked, as
// `khovanban check` would.
func requireCheck(t testing.TB, a *Archive) {
	t.Helper()
	if a.closed.Load() {
		var err error
		if a, err = Open(a.dir, Options{Registry: testRegistry(t)}); err != nil {
			t.Errorf("check: reopen: %v", err)
			return
		}
		defer a.Close()
	}
	rep, err := a.Check(context.Background(), nil)
	if err != nil {
		t.Errorf("check: %v", err)
		return
	}
	for _, p := range rep.Problems {
		t.Errorf("check: %s %s %s %s", p.ID, p.Kind, p.Path, p.Detail)
	}
}

// testRegistry is the built-in registry shipped in assets.
func testRegistry(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "assets", "registry.json"))
	if err != nil {
		t.Fatalf("read built-in registry: %v", err)
	}
	return data
}

// writeDocs writes documents as files into a new folder and returns it.
// Names ending in ".nfd.txt" are written in Unicode NFD.
func writeDocs(t testing.TB, docs map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range docs {
		if filepath.Ext(filepath.Base(name[:len(name)-4])) == ".nfd" {
			text = norm.NFD.String(text)
		}
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// importDocs imports documents and fails the test on any failure.
func importDocs(t testing.TB, a *Archive, docs map[string]string) *ImportReport {
	t.Helper()
	rep, err := a.Import(context.Background(), []string{writeDocs(t, docs)}, ImportOptions{})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	for _, it := range rep.Items {
		if it.Status == Failed {
			t.Fatalf("import %s: %v", it.Path, it.Err)
		}
	}
	return rep
}

// idOf finds the id of the imported document with this file name.
func idOf(t testing.TB, rep *ImportReport, name string) string {
	t.Helper()
	for _, it := range rep.Items {
		if filepath.Base(it.Path) == name {
			return it.ID
		}
	}
	t.Fatalf("%s not imported", name)
	return ""
}

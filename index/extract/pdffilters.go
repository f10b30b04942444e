package extract

import (
	"bytes"
	"cmp"
	"slices"
	"strconv"
)

// shortFilters are the abbreviated filter names of PDF's inline images
// (PDF 1.7, table 94). pdfFactory 1.x–2.x writes "/Filter /Fl" on every
// stream of the file too; poppler and Acrobat accept that, the pdf
// library knows only the full names, so not one page of such a file could
// be read.
var shortFilters = map[string]string{
	"Fl": "FlateDecode", "A85": "ASCII85Decode", "AHx": "ASCIIHexDecode", "LZW": "LZWDecode",
	"RL": "RunLengthDecode", "CCF": "CCITTFaxDecode", "DCT": "DCTDecode",
}

// pdfEdit replaces data[at:at+n] with s.
type pdfEdit struct {
	at, n int
	s     string
}

// expandShortFilters returns data with the abbreviated filter names of its
// stream dictionaries written in full, and the cross-reference table's
// offsets moved to match. Only a file with one classic xref table (no
// /Prev, one startxref: what the writers of abbreviated names make) is
// rewritten; any other is returned as it is.
func expandShortFilters(data []byte) []byte {
	filters := shortFilterEdits(data)
	if len(filters) == 0 || bytes.Contains(data, []byte("/Prev")) || bytes.Count(data, []byte("startxref")) != 1 {
		return data
	}
	sx := bytes.LastIndex(data, []byte("startxref"))
	xrefAt, numAt, numEnd := pdfNumberAfter(data, sx+len("startxref"))
	if xrefAt < 0 || xrefAt >= int64(len(data)) || !bytes.HasPrefix(data[xrefAt:], []byte("xref")) {
		return data
	}
	moved := func(off int64) int64 { // where the byte at off goes
		to := off
		for _, e := range filters {
			if int64(e.at) >= off {
				break
			}
			to += int64(len(e.s) - e.n)
		}
		return to
	}
	entries, ok := xrefEntries(data, int(xrefAt)+len("xref"))
	if !ok {
		return data
	}
	edits := slices.Clone(filters)
	for _, at := range entries {
		off, _ := strconv.ParseInt(string(data[at:at+10]), 10, 64)
		edits = append(edits, pdfEdit{at, 10, pad10(moved(off))})
	}
	edits = append(edits, pdfEdit{numAt, numEnd - numAt, strconv.FormatInt(moved(xrefAt), 10)})
	slices.SortFunc(edits, func(a, b pdfEdit) int { return cmp.Compare(a.at, b.at) })
	var b bytes.Buffer
	b.Grow(len(data) + 16*len(edits))
	last := 0
	for _, e := range edits {
		b.Write(data[last:e.at])
		b.WriteString(e.s)
		last = e.at + e.n
	}
	b.Write(data[last:])
	return b.Bytes()
}

// shortFilterEdits finds the abbreviated names in the values of /Filter
// keys ("/Filter /Fl", "/Filter [/A85 /Fl]"), in file order.
func shortFilterEdits(data []byte) []pdfEdit {
	var edits []pdfEdit
	for at := 0; ; {
		i := bytes.Index(data[at:], []byte("/Filter"))
		if i < 0 {
			return edits
		}
		at += i + len("/Filter")
		j := at
		for j < len(data) && isPDFSpace(data[j]) {
			j++
		}
		end := j + 1 // a single name, or an array of them
		if j < len(data) && data[j] == '[' {
			k := bytes.IndexByte(data[j:min(len(data), j+200)], ']')
			if k < 0 {
				continue
			}
			end = j + k
		}
		for k := j; k < end && k < len(data); k++ {
			if data[k] != '/' {
				continue
			}
			n := k + 1
			for n < len(data) && isNameChar(data[n]) {
				n++
			}
			if full, ok := shortFilters[string(data[k+1:n])]; ok {
				edits = append(edits, pdfEdit{k + 1, n - k - 1, full})
			}
			k = n - 1
		}
	}
}

// isNameChar tells whether c may be part of a PDF name (not a space or a
// delimiter).
func isNameChar(c byte) bool {
	return c > ' ' && c < 0x7F && !bytes.ContainsRune([]byte("()<>[]{}/%"), rune(c))
}

// pdfNumberAfter reads the unsigned integer after spaces at data[at:]:
// its value (-1 when there is none) and where its digits start and end.
func pdfNumberAfter(data []byte, at int) (int64, int, int) {
	for at < len(data) && isPDFSpace(data[at]) {
		at++
	}
	end := at
	for end < len(data) && end-at < 12 && data[end] >= '0' && data[end] <= '9' {
		end++
	}
	v, err := strconv.ParseInt(string(data[at:end]), 10, 64)
	if err != nil {
		return -1, at, at
	}
	return v, at, end
}

// xrefEntries lists where the 10-digit offsets of the in-use entries
// ("0000012345 00000 n") of the xref table at data[at:] start; false when
// the table is not one.
func xrefEntries(data []byte, at int) ([]int, bool) {
	var out []int
	for at < len(data) {
		for at < len(data) && isPDFSpace(data[at]) {
			at++
		}
		if bytes.HasPrefix(data[at:], []byte("trailer")) {
			return out, true
		}
		start, _, e1 := pdfNumberAfter(data, at)
		count, _, e2 := pdfNumberAfter(data, e1)
		if start < 0 || count < 0 || e1 == at || e2 == e1 || count > maxPDFObjects {
			return nil, false
		}
		at = e2
		for range count {
			for at < len(data) && isPDFSpace(data[at]) {
				at++
			}
			if at+18 > len(data) {
				return nil, false
			}
			if _, err := strconv.ParseUint(string(data[at:at+10]), 10, 64); err != nil {
				return nil, false
			}
			if data[at+17] == 'n' {
				out = append(out, at)
			}
			at += 18
		}
	}
	return nil, false
}

// pad10 writes off in the ten digits of an xref entry.
func pad10(off int64) string {
	s := strconv.FormatInt(off, 10)
	for len(s) < 10 {
		s = "0" + s
	}
	return s
}

package corpus

import (
	"bytes"
	"os"
	"reflect"
	"slices"
	"testing"
)

// The talk corpus that the root package embeds in the binary, and the name
// it reads it under. Read from the file: the root package imports this
// one, so this package's tests cannot import it.
const embeddedCorpusName = "embedded:testdata/talks.txt"

var embeddedCorpus = func() []byte {
	b, err := os.ReadFile("../testdata/talks.txt")
	if err != nil {
		panic(err)
	}
	return b
}()

// embeddedTalks are the records of testdata/talks.txt, in order; the third
// record is empty. The ids were checked independently: "talk-" and the first
// 10 hex digits of sha256("\n" + abstract with white space collapsed).
var embeddedTalks = []struct {
	line  int
	codes []string
	id    string
	start string // the abstract's first words
}{
	{1, []string{"65K10", "65K05", "68W99", "68T99"}, "talk-46c6396e5a", "Neural networks trained to minimize"},
	{8, []string{"90C06", "68W20", "62F99"}, "talk-e58efbfb4b", "Machine learning pipelines often rely"},
	{16, nil, "", ""},
	{17, []string{"65K05", "65K10", "68T99"}, "talk-258f2deb7a", "We are interested in nonsmooth analysis"},
	{28, []string{"90C26", "90C22", "42C40"}, "talk-879599ad93", "The Burer-Monteiro factorization is"},
	{35, []string{"62J05", "62J12", "62P10"}, "talk-65a83157dd", "In high dimensional sparse regression"},
}

func readEmbedded(t *testing.T, data []byte) *Collector {
	t.Helper()
	dec, err := NewDecoder(bytes.NewReader(data), embeddedCorpusName, FormatAuto)
	if err != nil {
		t.Fatal(err)
	}
	c := NewCollector()
	if err := c.ReadAll(dec); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestEmbeddedCorpus(t *testing.T) {
	if f := Detect(embeddedCorpusName, embeddedCorpus); f != FormatTalkDump {
		t.Errorf("Detect(embedded) = %q, want %q", f, FormatTalkDump)
	}
	c := readEmbedded(t, embeddedCorpus)
	checkReport(t, &c.Report, 6, 5, 1, 0)
	wantSkip := Problem{Pos: Position{File: embeddedCorpusName, Line: 16, N: 3}, Err: problemf(ErrEmptyRecord, "empty record (marker line with no content)")}
	if len(c.Report.Skipped) != 1 || !reflect.DeepEqual(c.Report.Skipped[0], wantSkip) {
		t.Errorf("skipped = %#v, want %#v", c.Report.Skipped, wantSkip)
	}
	var i int
	for n, want := range embeddedTalks {
		if want.codes == nil {
			continue
		}
		r := c.Records[i]
		i++
		if r.Origin != (Position{File: embeddedCorpusName, Line: want.line, N: n + 1}) {
			t.Errorf("record %d: origin %v", n+1, r.Origin)
		}
		if !reflect.DeepEqual(r.MSC, want.codes) || r.PrimaryMSC != "" || r.MSCRaw != "" {
			t.Errorf("record %d: codes %q, primary %q, raw %q; want %q", n+1, r.MSC, r.PrimaryMSC, r.MSCRaw, want.codes)
		}
		if r.ID != want.id || r.ID != GeneratedID(&r) {
			t.Errorf("record %d: id %q, want %q (GeneratedID %q)", n+1, r.ID, want.id, GeneratedID(&r))
		}
		if r.Title != "" || len(r.Abstract) < 400 || !bytes.HasPrefix([]byte(r.Abstract), []byte(want.start)) {
			t.Errorf("record %d: title %q, abstract %.60q", n+1, r.Title, r.Abstract)
		}
		if bytes.Contains([]byte(r.Abstract), []byte("[-]")) || bytes.Contains([]byte(r.Abstract), []byte("...")) {
			t.Errorf("record %d: abstract holds the truncated copy: %q", n+1, r.Abstract)
		}
	}
	// The multi-line abstracts keep their lines.
	if got := bytes.Count([]byte(c.Records[2].Abstract), []byte("\n")); got != 2 {
		t.Errorf("record 4: abstract has %d newlines, want 2", got)
	}
}

// TestEmbeddedCorpusIDsStable checks that generated ids depend on the text
// only: reading the records in another order, with CRLF line ends, gives
// the same ids.
func TestEmbeddedCorpusIDsStable(t *testing.T) {
	c := readEmbedded(t, embeddedCorpus)
	var ids []string
	for _, r := range c.Records {
		ids = append(ids, r.ID)
	}
	marker := []byte(talkDumpMarker)
	parts := bytes.Split(embeddedCorpus, marker)[1:]
	slices.Reverse(parts)
	var reordered []byte
	for _, p := range parts {
		reordered = append(reordered, marker...)
		p = bytes.TrimRight(p, "\n")
		reordered = append(reordered, bytes.ReplaceAll(p, []byte("\n"), []byte("\r\n"))...)
		reordered = append(reordered, '\r', '\n')
	}
	c2 := readEmbedded(t, reordered)
	checkReport(t, &c2.Report, 6, 5, 1, 0)
	var ids2 []string
	for _, r := range c2.Records {
		ids2 = append(ids2, r.ID)
	}
	slices.Reverse(ids2)
	if !reflect.DeepEqual(ids, ids2) {
		t.Errorf("ids changed with the order: %q, then %q", ids, ids2)
	}
}

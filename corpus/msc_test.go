package corpus

import (
	"reflect"
	"testing"
)

func TestNormalizeCode(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"65K10", "65K10", true},
		{"65k10", "65K10", true},
		{"65Kxx", "65Kxx", true},
		{"65kxx", "65Kxx", true},
		{"65KXX", "65Kxx", true},
		{"65kXx", "65Kxx", true},
		{"65-XX", "65-XX", true},
		{"65-xx", "65-XX", true},
		{"65-xX", "65-XX", true},
		{"65-02", "65-02", true},
		{"65-00", "65-00", true},
		{"00A05", "00A05", true},
		{"97U99", "97U99", true},
		{"35.43", "", false},
		{"57M", "", false},
		{"foo", "", false},
		{"", "", false},
		{"65K1", "", false},
		{"65K100", "", false},
		{" 65K10", "", false},
		{"65K1x", "", false},
		{"65Kx0", "", false},
		{"65-0X", "", false},
		{"65-X0", "", false},
		{"6AK10", "", false},
		{"A5K10", "", false},
		{"65110", "", false},
		{"65.10", "", false},
		{"65ÿ10", "", false},
		{"65K1٠", "", false}, // Arabic-Indic zero is not an ASCII digit
	}
	for _, tt := range tests {
		got, ok := NormalizeCode(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormalizeCode(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
		if ok {
			// Normalising is idempotent.
			if again, ok2 := NormalizeCode(got); again != got || !ok2 {
				t.Errorf("NormalizeCode(%q) = %q, %v; want %q, true", got, again, ok2, got)
			}
		}
	}
}

var parseCodesCases = []struct {
	in   string
	want Codes
}{
	{"65K10 ; 65K05", Codes{Codes: []string{"65K10", "65K05"}}},
	{"65K10, 65K05", Codes{Codes: []string{"65K10", "65K05"}}},
	{"65K10;65K05", Codes{Codes: []string{"65K10", "65K05"}}},
	{"65K10 65K05", Codes{Codes: []string{"65K10", "65K05"}}},
	{"65K10/65K05", Codes{Codes: []string{"65K10", "65K05"}}},
	{"65K10 ; 65K05 ; 68W99 ; 68T99", Codes{Codes: []string{"65K10", "65K05", "68W99", "68T99"}}},
	{"Primary 65K10; Secondary 90C25", Codes{Codes: []string{"65K10", "90C25"}, Primary: "65K10"}},
	{"Primary 11F11, 11F33; Secondary 11F80", Codes{Codes: []string{"11F11", "11F33", "11F80"}, Primary: "11F11"}},
	{"Primary: 11F11; Secondary: 11F33.", Codes{Codes: []string{"11F11", "11F33"}, Primary: "11F11"}},
	{"primary 11f11 secondary 11f33", Codes{Codes: []string{"11F11", "11F33"}, Primary: "11F11"}},
	{"Secondary 90C25; Primary 65K10", Codes{Codes: []string{"65K10", "90C25"}, Primary: "65K10"}},
	{"MSC 2020: 65K10, 90C25", Codes{Codes: []string{"65K10", "90C25"}}},
	{"MSC2010: 65K10 and 90C25", Codes{Codes: []string{"65K10", "90C25"}}},
	{"60H15 (35R60 93E20)", Codes{Codes: []string{"60H15", "35R60", "93E20"}, Primary: "60H15"}},
	{"28Dxx (58F11 58F17)", Codes{Codes: []string{"28Dxx", "58F11", "58F17"}, Primary: "28Dxx"}},
	{"81T17 (81T08)", Codes{Codes: []string{"81T17", "81T08"}, Primary: "81T17"}},
	{"(35R60 93E20) 60H15", Codes{Codes: []string{"60H15", "35R60", "93E20"}, Primary: "60H15"}},
	{"60H15 [35R60]", Codes{Codes: []string{"60H15", "35R60"}, Primary: "60H15"}},
	{"(35R60 93E20)", Codes{Codes: []string{"35R60", "93E20"}}},
	{"65k10", Codes{Codes: []string{"65K10"}}},
	{"65kxx", Codes{Codes: []string{"65Kxx"}}},
	{"65-xx", Codes{Codes: []string{"65-XX"}}},
	{"65-02", Codes{Codes: []string{"65-02"}}},
	{"65-02 ; 65-01", Codes{Codes: []string{"65-02", "65-01"}}},
	{"65K10 ; 65K10 ; 65k10", Codes{Codes: []string{"65K10"}}},
	{"65K10 ; 65K05 ; 65K10", Codes{Codes: []string{"65K10", "65K05"}}},
	{"Primary 65K10; Secondary 65K10", Codes{Codes: []string{"65K10"}, Primary: "65K10"}},
	{"35.43", Codes{Invalid: []string{"35.43"}}},
	{"57M", Codes{Invalid: []string{"57M"}}},
	{"foo", Codes{Invalid: []string{"foo"}}},
	{"35.43 ; 65K10", Codes{Codes: []string{"65K10"}, Invalid: []string{"35.43"}}},
	{"57M, 65K10, foo", Codes{Codes: []string{"65K10"}, Invalid: []string{"57M", "foo"}}},
	{"35.43 ; 35.43", Codes{Invalid: []string{"35.43", "35.43"}}},
	{"65K10 & 65K05", Codes{Codes: []string{"65K10", "65K05"}, Invalid: []string{"&"}}},
	{"65K10 .", Codes{Codes: []string{"65K10"}, Invalid: []string{"."}}},
	{"", Codes{}},
	{"   ", Codes{}},
	{" ; , ", Codes{}},
	{"()", Codes{}},
	{"65K10\t65K05\n90C25", Codes{Codes: []string{"65K10", "65K05", "90C25"}}},
	{"65K10\u00a065K05", Codes{Codes: []string{"65K10", "65K05"}}},
	{"65K10)) (90C25", Codes{Codes: []string{"65K10", "90C25"}, Primary: "65K10"}},
	{"17D99 (Primary), 68Q80 (Secondary)", Codes{Codes: []string{"17D99", "68Q80"}, Primary: "17D99"}},
	{"68Q80 (Secondary), 17D99 (Primary)", Codes{Codes: []string{"17D99", "68Q80"}, Primary: "17D99"}},
	{"60G; 60H; 58J37", Codes{Codes: []string{"58J37"}, Invalid: []string{"60G", "60H"}}},
	// arXiv labels a group of codes: all are primary, the first first.
	{"60K35, 82C22 (Primary) 60F17, 70F99 (Secondary)", Codes{Codes: []string{"60K35", "82C22", "60F17", "70F99"}, Primary: "60K35"}},
	{"60K35, 82C22 (Primary); 60F17 (Secondary)", Codes{Codes: []string{"60K35", "82C22", "60F17"}, Primary: "60K35"}},
	{"35K55 (primary), 35D99, 92C17 (secondary)", Codes{Codes: []string{"35K55", "35D99", "92C17"}, Primary: "35K55"}},
	{"35D99, 92C17 (secondary), 35K55 (primary)", Codes{Codes: []string{"35K55", "35D99", "92C17"}, Primary: "35K55"}},
	{"Primary 35K55; Secondary 35B40", Codes{Codes: []string{"35K55", "35B40"}, Primary: "35K55"}},
	{"Primary: 60K35, 82C22; Secondary: 60F17", Codes{Codes: []string{"60K35", "82C22", "60F17"}, Primary: "60K35"}},
	{"MSC2020: 60K35 (Primary), 82C22, 60F17 (Secondary)", Codes{Codes: []string{"60K35", "82C22", "60F17"}, Primary: "60K35"}},
	{"AMS subject classifications: 65K10, 90C25", Codes{Codes: []string{"65K10", "90C25"}}},
}

func TestParseCodes(t *testing.T) {
	for _, tt := range parseCodesCases {
		got := ParseCodes(tt.in)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseCodes(%q) = %#v;\nwant %#v", tt.in, got, tt.want)
		}
		checkCodes(t, tt.in, got)
	}
}

// checkCodes asserts the invariants of any ParseCodes result.
func checkCodes(t testing.TB, in string, c Codes) {
	t.Helper()
	seen := map[string]bool{}
	for _, code := range c.Codes {
		if n, ok := NormalizeCode(code); !ok || n != code {
			t.Fatalf("ParseCodes(%q): code %q is not a normalised code (NormalizeCode = %q, %v)", in, code, n, ok)
		}
		if seen[code] {
			t.Fatalf("ParseCodes(%q): code %q repeated in %q", in, code, c.Codes)
		}
		seen[code] = true
	}
	if c.Primary != "" && (len(c.Codes) == 0 || c.Codes[0] != c.Primary) {
		t.Fatalf("ParseCodes(%q): primary %q is not first in %q", in, c.Primary, c.Codes)
	}
	for _, bad := range c.Invalid {
		if bad == "" {
			t.Fatalf("ParseCodes(%q): empty invalid token in %q", in, c.Invalid)
		}
	}
}

func TestCodeDepth(t *testing.T) {
	tests := []struct {
		code string
		want int
	}{
		{"65K10", 3},
		{"65-02", 3},
		{"65-00", 3},
		{"65Kxx", 2},
		{"65-XX", 1},
		{"", 0},
		{"65", 0},
		{"65K", 0},
		{"65K100", 0},
		{"35.43", 0},
		{"hello", 0},
		{"65k10", 0}, // not normalised
		{"65-xx", 0}, // not normalised
	}
	for _, tt := range tests {
		if got := CodeDepth(tt.code); got != tt.want {
			t.Errorf("CodeDepth(%q) = %d, want %d", tt.code, got, tt.want)
		}
	}
}

func TestCodePrefix(t *testing.T) {
	tests := []struct {
		code  string
		level int
		want  string
	}{
		{"65K10", 0, ""},
		{"65K10", 1, "65"},
		{"65K10", 2, "65K"},
		{"65K10", 3, "65K10"},
		{"65K10", 4, ""},
		{"65K10", -1, ""},
		{"65Kxx", 1, "65"},
		{"65Kxx", 2, "65K"},
		{"65Kxx", 3, ""},
		{"65-XX", 1, "65"},
		{"65-XX", 2, ""},
		{"65-XX", 3, ""},
		{"65-02", 1, "65"},
		{"65-02", 2, "65-"},
		{"65-02", 3, "65-02"},
		{"", 1, ""},
		{"foo", 1, ""},
		{"35.43", 1, ""},
	}
	for _, tt := range tests {
		if got := CodePrefix(tt.code, tt.level); got != tt.want {
			t.Errorf("CodePrefix(%q, %d) = %q, want %q", tt.code, tt.level, got, tt.want)
		}
	}
}

func TestSharedDepth(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"65K10", "65K10", 3},
		{"65K10", "65K05", 2},
		{"65K10", "65N30", 1},
		{"65K10", "90C25", 0},
		{"65K10", "65Kxx", 2},
		{"65Kxx", "65Kxx", 2},
		{"65Kxx", "65Nxx", 1},
		{"65-02", "65-01", 2},
		{"65-02", "65-02", 3},
		{"65-02", "65K10", 1},
		{"65-XX", "65K10", 1},
		{"65-XX", "65-XX", 1},
		{"65-XX", "90-XX", 0},
		{"65K10", "", 0},
		{"", "", 0},
		{"foo", "foo", 0},
		{"35.43", "35.43", 0},
	}
	for _, tt := range tests {
		if got := SharedDepth(tt.a, tt.b); got != tt.want {
			t.Errorf("SharedDepth(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := SharedDepth(tt.b, tt.a); got != tt.want {
			t.Errorf("SharedDepth(%q, %q) = %d, want %d (symmetry)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestSetCodes(t *testing.T) {
	tests := []struct {
		name    string
		start   Record
		raw     []string
		want    Record
		invalid [][]string
	}{
		{
			name:    "plain",
			raw:     []string{"65K10 ; 65K05"},
			want:    Record{MSC: []string{"65K10", "65K05"}},
			invalid: [][]string{nil},
		},
		{
			name:    "primary moves to front of earlier codes",
			start:   Record{MSC: []string{"90C25"}},
			raw:     []string{"Primary 65K10; Secondary 90C25"},
			want:    Record{MSC: []string{"65K10", "90C25"}, PrimaryMSC: "65K10"},
			invalid: [][]string{nil},
		},
		{
			name:    "first primary wins",
			raw:     []string{"60H15 (35R60)", "Primary 65K10"},
			want:    Record{MSC: []string{"60H15", "35R60", "65K10"}, PrimaryMSC: "60H15"},
			invalid: [][]string{nil, nil},
		},
		{
			name:    "invalid kept in raw",
			raw:     []string{"35.43 ; 65K10", "57M"},
			want:    Record{MSC: []string{"65K10"}, MSCRaw: "35.43 ; 65K10 ; 57M"},
			invalid: [][]string{{"35.43"}, {"57M"}},
		},
	}
	for _, tt := range tests {
		r := tt.start
		for i, raw := range tt.raw {
			if got := r.SetCodes(raw); !reflect.DeepEqual(got, tt.invalid[i]) {
				t.Errorf("%s: SetCodes(%q) = %q, want %q", tt.name, raw, got, tt.invalid[i])
			}
		}
		if !reflect.DeepEqual(r, tt.want) {
			t.Errorf("%s: record = %#v\nwant %#v", tt.name, r, tt.want)
		}
	}
}

func TestValidCodePrefix(t *testing.T) {
	for _, s := range []string{"65", "65K", "65k", "65K10", "65Kxx", "65-XX", "65-xx", "65-02"} {
		if !ValidCodePrefix(s) {
			t.Errorf("ValidCodePrefix(%q) = false", s)
		}
	}
	for _, s := range []string{"", "6", "zz", "65-", "6K", "65K1", "65K100", "65.10", " 65", "65KX", "ÿÿ"} {
		if ValidCodePrefix(s) {
			t.Errorf("ValidCodePrefix(%q) = true", s)
		}
	}
}

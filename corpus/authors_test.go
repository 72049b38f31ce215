package corpus

import (
	"reflect"
	"testing"
)

func TestParseAuthors(t *testing.T) {
	n := func(s, g string) AuthorName { return AuthorName{Surname: s, Given: g} }
	tests := []struct {
		in   []string
		want []AuthorName
	}{
		{[]string{"Müller, Thomas W."}, []AuthorName{n("muller", "thomas")}},
		{[]string{"Thomas W. Müller"}, []AuthorName{n("muller", "thomas")}},
		{[]string{`C. Bal\'azs`}, []AuthorName{n("balazs", "c")}},
		{[]string{"Rafael de la Llave"}, []AuthorName{n("delallave", "rafael")}},
		{[]string{"de la Llave, Rafael"}, []AuthorName{n("delallave", "rafael")}},
		{[]string{"Da Prato, Giuseppe"}, []AuthorName{n("daprato", "giuseppe")}},
		{[]string{"Smith, Jr., John"}, []AuthorName{n("smith", "john")}},
		{[]string{"Smith, Jr."}, []AuthorName{n("smith", "")}},
		{[]string{"John Smith Jr."}, []AuthorName{n("smith", "john")}},
		{[]string{"Jean-Pierre Serre", "J.-P. Serre"}, []AuthorName{n("serre", "jean"), n("serre", "j")}},
		{[]string{"Łukasz Kowalski", "Ø. Hansen"}, []AuthorName{n("kowalski", "lukasz"), n("hansen", "o")}},
		// Several names in one entry, as arXiv writes them.
		{[]string{"Christian Krattenthaler, Thomas W. Müller"}, []AuthorName{n("krattenthaler", "christian"), n("muller", "thomas")}},
		{[]string{"A. Bee, C. Dee and E. Eff"}, []AuthorName{n("bee", "a"), n("dee", "c"), n("eff", "e")}},
		{[]string{"Abramowitz, Milton and Stegun, Irene A."}, []AuthorName{n("abramowitz", "milton"), n("stegun", "irene")}},
		{[]string{"Polymath", "Polymath"}, []AuthorName{n("polymath", "")}},
		{[]string{"", " , "}, nil},
	}
	for _, tc := range tests {
		if got := ParseAuthors(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseAuthors(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

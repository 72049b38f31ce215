module github.com/related/related

go 1.26.0

require (
	github.com/kljensen/snowball v0.10.0
	golang.org/x/text v0.44.0
	gonum.org/v1/gonum v0.17.0
)

module github.com/related/related

go 1.26

require (
	github.com/kljensen/snowball v0.10.0 // indirect
	golang.org/x/text v0.44.0 // indirect
	gonum.org/v1/gonum v0.17.0 // indirect
)

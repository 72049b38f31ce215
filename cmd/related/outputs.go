package main

import (
	"os"
	"path/filepath"
)

// output is a file a command writes, with the flag that names it.
type output struct {
	flag, path string
}

// checkOutputs refuses outputs that are one of the inputs (the same
// file, by any path or link: writing it would destroy what is being
// read), or that are given twice. It runs before anything is read or
// written. "-" (standard input or output) and "" are passed over.
func checkOutputs(inputs []string, outputs []output) error {
	for i, o := range outputs {
		if o.path == "" || o.path == "-" {
			continue
		}
		for _, in := range inputs {
			if in != "-" && sameFile(in, o.path) {
				return usagef("%s %s is also an input (%s): it would be overwritten; write to another file", o.flag, o.path, in)
			}
		}
		for _, p := range outputs[:i] {
			if p.path != "" && p.path != "-" && sameFile(p.path, o.path) {
				return usagef("%s and %s name the same file (%s)", p.flag, o.flag, o.path)
			}
		}
	}
	return nil
}

// sameFile reports whether two paths name one file: the same file once
// links are followed, or, when one does not exist yet, the same absolute
// path.
func sameFile(a, b string) bool {
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(fa, fb)
	}
	absA, err1 := filepath.Abs(a)
	absB, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && absA == absB
}

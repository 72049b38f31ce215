// Package atomicfile writes a file whole or not at all: into a temporary
// file beside it, synced and renamed into place on Commit, removed on
// Abort. An interrupted or failed run leaves the old file (or none).
//
// The file is created with mode 0666 less the umask, as os.Create does
// (os.CreateTemp would make it 0600, private to its writer), and errors
// name the file asked for, never the temporary one.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// File is a file being written.
type File struct {
	f    *os.File
	path string
	done bool
}

// Create starts writing path.
func Create(path string) (*File, error) {
	dir, base := filepath.Dir(path), filepath.Base(path)
	for range 100 {
		tmp := filepath.Join(dir, "."+base+".tmp"+strconv.FormatUint(uint64(rand.Uint32()), 10))
		f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, fail("create", path, err)
		}
		return &File{f: f, path: path}, nil
	}
	return nil, fmt.Errorf("create %s: no free temporary name beside it", path)
}

// fail names path in an error from the temporary file.
func fail(op, path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("%s %s: %w", op, path, err)
}

// Name is the path the file will have.
func (f *File) Name() string { return f.path }

func (f *File) Write(p []byte) (int, error) {
	n, err := f.f.Write(p)
	if err != nil {
		err = fail("write", f.path, err)
	}
	return n, err
}

// WriteAt writes at an offset, for headers written last.
func (f *File) WriteAt(p []byte, off int64) (int, error) {
	n, err := f.f.WriteAt(p, off)
	if err != nil {
		err = fail("write", f.path, err)
	}
	return n, err
}

// Commit syncs the file and renames it into place.
func (f *File) Commit() error {
	if f.done {
		return nil
	}
	f.done = true
	tmp := f.f.Name()
	err := f.f.Sync()
	if cerr := f.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, f.path)
	}
	if err != nil {
		os.Remove(tmp)
		return fail("write", f.path, err)
	}
	if d, err := os.Open(filepath.Dir(f.path)); err == nil {
		d.Sync() // the rename itself; not all systems can sync a directory
		d.Close()
	}
	return nil
}

// Abort removes the temporary file; after Commit it does nothing.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.f.Close()
	os.Remove(f.f.Name())
}

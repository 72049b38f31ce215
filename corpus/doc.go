// Package corpus reads talk and paper records from the formats they come
// in, and parses their Mathematics Subject Classification codes.
//
// A Decoder reads one input record by record, so that memory is bounded by
// the largest record, not the file. Bad records come back as *RecordError
// values that name the file, the line or record number, and what is wrong;
// the caller reports them and reads on. A Collector accounts for every
// record (read = accepted + skipped), gives ids to records that lack one
// (GeneratedID), and refuses duplicate ids.
//
// Formats, detected from the name and the first bytes (gzip is detected
// from the bytes and undone first):
//
//	talkdump  the talk library's scraped text dump (see talkdump.go)
//	jsonl     JSON Lines, one record object per line
//	json      a JSON array of record objects
//	csv       CSV with a header row naming the fields
//
// The record fields and their accepted aliases are listed in fields.go. In
// JSON, "msc" may be a list of codes or one string in any form that
// ParseCodes reads; "authors" and "keywords" a list or one string.
package corpus

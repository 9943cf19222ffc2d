package asyncir

import "fmt"

// Pos is a position in a source file: 1-based line, 1-based byte column and
// 0-based byte offset (go/token's conventions).
type Pos struct {
	Line, Col, Offset int
}

// Range is a half-open span [Start, End) of one file.
type Range struct {
	File       string
	Start, End Pos
}

func (r Range) String() string {
	return fmt.Sprintf("%s:%d:%d", r.File, r.Start.Line, r.Start.Col)
}

// IsValid reports whether r names a position.
func (r Range) IsValid() bool { return r.Start.Line > 0 }

// Contains reports whether o lies inside r.
func (r Range) Contains(o Range) bool {
	return r.File == o.File && r.Start.Offset <= o.Start.Offset && o.End.Offset <= r.End.Offset
}

package asyncir

import "fmt"

// Pos is a position in a source file: 1-based line, 1-based byte column and
// 0-based byte offset (go/token's conventions). The fields are 32-bit: every
// op holds two positions, and a program holds hundreds of thousands of ops
// (files past 2 GiB are not analysed).
type Pos struct {
	Line, Col, Offset int32
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

// MakePos builds a Pos from int coordinates.
func MakePos(line, col, offset int) Pos {
	return Pos{Line: int32(line), Col: int32(col), Offset: int32(offset)}
}

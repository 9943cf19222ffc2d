// Package all lists every analyzer family, in code order.
package all

import (
	"github.com/asynclint/asynclint/analyzers/blockingcall"
	"github.com/asynclint/asynclint/analyzers/looppassing"
	"github.com/asynclint/asynclint/analyzers/neverawaited"
	"github.com/asynclint/asynclint/analyzers/wraptypes"
	"github.com/asynclint/asynclint/asyncir"
)

// Analyzers returns the families every driver runs.
func Analyzers() []*asyncir.Analyzer {
	return []*asyncir.Analyzer{
		neverawaited.Analyzer,
		blockingcall.Analyzer,
		looppassing.Analyzer,
		wraptypes.Analyzer,
	}
}

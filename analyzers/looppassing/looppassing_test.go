package looppassing_test

import (
	"testing"

	"github.com/asynclint/asynclint/internal/casetest"
)

func TestPythonCases(t *testing.T) {
	casetest.Run(t, "../../testdata/python/looppassing", "AL3")
}

module github.com/asynclint/asynclint

go 1.26

package lsp

import (
	"errors"
	"net/url"
	"path/filepath"
)

var (
	errMissingParams = errors.New("missing params")
	errOtherFile     = errors.New("fix-all edits only the requested document")
)

// uriToPath turns a file URI into a clean absolute path.
func uriToPath(uri string) (string, error) {
	u, err := url.Parse(uri)
	if err != nil {
		return "", err
	}
	if u.Scheme != "file" {
		return "", errors.New("not a file URI: " + uri)
	}
	if u.Path == "" {
		return "", errors.New("file URI without a path: " + uri)
	}
	return filepath.Clean(filepath.FromSlash(u.Path)), nil
}

// pathToURI is uriToPath's inverse.
func pathToURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

package config

import (
	"reflect"
	"strings"
)

// checkTypes reports the first [tool.asynclint] value whose TOML type does
// not fit its setting, in the user's words ("select must be a list of
// strings"), rather than the decoder's. The expected types come from the
// file struct's fields, so a new setting is checked by declaring it.
// It also catches what the decoder accepts silently (an array given
// where a table is expected decodes to an empty map).
func checkTypes(raw map[string]any, data []byte, path string) error {
	if project, ok := raw["project"].(map[string]any); ok {
		if v, ok := project["requires-python"]; ok && !fits(v, reflect.TypeOf("")) {
			return &Error{Path: path, Line: lineOf(data, "requires-python"), Msg: "requires-python must be a string (a version specifier like \">=3.10\")"}
		}
	}
	tool, ok := raw["tool"].(map[string]any)
	if !ok {
		return nil
	}
	v, ok := tool["asynclint"]
	if !ok {
		return nil
	}
	table, ok := v.(map[string]any)
	if !ok {
		return &Error{Path: path, Line: lineOf(data, "asynclint"), Msg: "tool.asynclint must be a table ([tool.asynclint])"}
	}
	toolField, _ := reflect.TypeOf(file{}).FieldByName("Tool")
	asynclintField, _ := toolField.Type.FieldByName("Asynclint")
	settings := asynclintField.Type.Elem()
	for i := 0; i < settings.NumField(); i++ {
		f := settings.Field(i)
		key := f.Tag.Get("toml")
		if v, ok := table[key]; ok && !fits(v, f.Type) {
			return &Error{Path: path, Line: lineOf(data, key), Msg: key + " must be " + describe(f.Type)}
		}
	}
	return nil
}

// fits reports whether a decoded TOML value can fill a field of type t.
func fits(v any, t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer:
		return fits(v, t.Elem())
	case reflect.String:
		_, ok := v.(string)
		return ok
	case reflect.Bool:
		_, ok := v.(bool)
		return ok
	case reflect.Int, reflect.Int64:
		_, ok := v.(int64)
		return ok
	case reflect.Slice:
		list, ok := v.([]any)
		for _, e := range list {
			ok = ok && fits(e, t.Elem())
		}
		return ok
	case reflect.Map:
		m, ok := v.(map[string]any)
		for _, e := range m {
			ok = ok && fits(e, t.Elem())
		}
		return ok
	}
	return true
}

// describe names a field type as a user writes TOML.
func describe(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Pointer:
		return describe(t.Elem())
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int64:
		return "an integer"
	case reflect.Slice:
		return "a list of " + plural(describe(t.Elem()))
	case reflect.Map:
		return "a table whose values are " + plural(describe(t.Elem()))
	}
	return t.String()
}

func plural(s string) string {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "a "), "an ")
	if strings.HasPrefix(s, "list of") {
		return "lists" + strings.TrimPrefix(s, "list")
	}
	return s + "s"
}

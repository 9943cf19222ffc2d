package asyncir

// DocsURL is where the rule documentation of every family lives.
const DocsURL = "https://asynclint.dev/rules/"

// Half is one language's side of an analyzer family: its rules and the Run
// for that language's modules.
type Half struct {
	Lang  Language
	Rules []*Rule
	Run   func(*Pass) error
}

// NewFamily assembles an analyzer from its doc text and its language
// halves: the rules in half order with their doc sections attached, the
// URL derived from the name, and a Run that dispatches on the module's
// language.
func NewFamily(name, doc string, halves ...Half) *Analyzer {
	a := &Analyzer{Name: name, Doc: doc, URL: DocsURL + name}
	runs := map[Language]func(*Pass) error{}
	for _, h := range halves {
		a.Rules = append(a.Rules, h.Rules...)
		a.Languages = append(a.Languages, h.Lang)
		runs[h.Lang] = h.Run
	}
	AttachDocs(doc, a.Rules)
	a.Run = func(pass *Pass) error {
		if run := runs[pass.Module.Lang]; run != nil {
			return run(pass)
		}
		return nil
	}
	return a
}

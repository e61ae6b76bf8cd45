package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ssrm/ssrm/questionnaire"
)

func sortedStrings(xs []string) []string {
	sort.Strings(xs)
	return xs
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// checkOutput refuses to write a report over a saved assessment: over one
// of the command's own inputs (ssrm report a.json -o a.json), or over any
// file that loads as an assessment or is an encrypted one. Reports are
// never encrypted and never parse as assessments, so re-running a report
// over its previous output still works.
func checkOutput(out string, inputs ...string) error {
	if out == "-" || out == "" {
		return nil
	}
	info, err := os.Stat(out)
	if err != nil {
		return nil
	}
	for _, in := range inputs {
		if ii, err := os.Stat(in); err == nil && os.SameFile(info, ii) {
			return fmt.Errorf("%s is the assessment being read: writing the output there would replace it; give another -o (for example %s)", out, suggestOut(out))
		}
	}
	if info.IsDir() {
		return nil
	}
	data, err := os.ReadFile(out)
	if err != nil {
		return nil
	}
	if questionnaire.IsEncrypted(data) {
		return fmt.Errorf("%s is an encrypted file, probably a saved assessment: writing the output there would replace it; give another -o, or move that file away first", out)
	}
	if _, err := questionnaire.ParseAssessment(out, data); err == nil {
		return fmt.Errorf("%s holds a saved assessment: writing the output there would replace it; give another -o, or move that file away first", out)
	}
	return nil
}

// suggestOut proposes a report name beside a file: a.json → a-report.json.
func suggestOut(path string) string {
	ext := filepath.Ext(path)
	return strings.TrimSuffix(path, ext) + "-report" + ext
}

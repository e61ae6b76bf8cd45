package main

import (
	"bytes"
	"os"
	"sort"
)

func sortedStrings(xs []string) []string {
	sort.Strings(xs)
	return xs
}

type bytesBuffer = bytes.Buffer

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// Package assets embeds the data the product ships: the question bank and
// the report's static text. It holds nothing else and imports nothing.
package assets

import _ "embed"

// Bank is the default question bank (YAML).
//
//go:embed bank.yaml
var Bank []byte

// Demo is the answers file of the demo organization.
//
//go:embed demo.yaml
var Demo []byte

// DemoBrand is the brand file of the demo's fictional consultancy; its
// logo (demo-logo.png) is drawn by the demo command.
//
//go:embed demo-brand.yaml
var DemoBrand []byte

package tui

import "github.com/charmbracelet/bubbles/key"

// KeyMap is every key the wizard answers to. Screens pick the bindings
// they show in the help footer; nothing compares raw key strings.
type KeyMap struct {
	Up, Down, Left, Right key.Binding
	Choose, Back          key.Binding
	Level                 key.Binding
	DontKnow, NA          key.Binding
	Why, Note, Park, Who  key.Binding
	NextParked            key.Binding
	NextSection, PrevSec  key.Binding
	NextStep, PrevStep    key.Binding
	Quit, ForceQuit, Help key.Binding
	// NextOpen goes to the next unanswered question, in any step;
	// Questions lists every question of the assessment.
	NextOpen, Questions key.Binding

	Accept, Defer, Done, Owner, Due key.Binding
	MoveUp, MoveDown, View, Edit    key.Binding
	Toggle                          key.Binding

	// Exceptions and evidence on an answer.
	Compensating, RiskAccept, Evidence key.Binding

	// Plain switches plain language on and off; Presenter the projector's
	// layout of the questions.
	Plain, Presenter key.Binding

	// The live checks screen.
	AcceptSuggestion, KeepAnswer key.Binding
	// Filters of the live findings (layer, severity, scope) and the
	// Microsoft Graph reads of a collection.
	FilterLayer, FilterSeverity, FilterScope, Graph key.Binding

	// The merge screen.
	AddFile, SaveMerged                                    key.Binding
	PickParticipant, MergeLowest, MergeHighest             key.Binding
	MergeAverage, MergeDiscuss, PrevConflict, NextConflict key.Binding
	// MergeAll settles every open conflict at once (then l, h or a).
	MergeAll key.Binding
}

// DefaultKeyMap is the wizard's key map.
func DefaultKeyMap() *KeyMap {
	return &KeyMap{
		Up:          key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑", "up")),
		Down:        key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓", "down")),
		Left:        key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←", "back")),
		Right:       key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→", "next")),
		Choose:      key.NewBinding(key.WithKeys("enter", " "), key.WithHelp("enter", "choose")),
		Back:        key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Level:       key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5"), key.WithHelp("0-5", "answer")),
		DontKnow:    key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "don't know")),
		NA:          key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "n/a")),
		Why:         key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "why")),
		Note:        key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "note")),
		Park:        key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "park")),
		Who:         key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "speaker")),
		NextParked:  key.NewBinding(key.WithKeys("P"), key.WithHelp("P", "next parked")),
		NextSection: key.NewBinding(key.WithKeys("pgdown", "]"), key.WithHelp("]", "next section")),
		PrevSec:     key.NewBinding(key.WithKeys("pgup", "["), key.WithHelp("[", "prev section")),
		NextStep:    key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "step")),
		PrevStep:    key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "prev step")),
		Quit:        key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit:   key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "save & quit")),
		Help:        key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "keys")),
		Plain:       key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "plain language")),
		Presenter:   key.NewBinding(key.WithKeys("F"), key.WithHelp("F", "presenter view")),
		NextOpen:    key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "next open")),
		Questions:   key.NewBinding(key.WithKeys("g"), key.WithHelp("g", "all questions")),

		Accept:   key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "accept")),
		Defer:    key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "defer")),
		Done:     key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "done")),
		Owner:    key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "owner")),
		Due:      key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "due date")),
		MoveUp:   key.NewBinding(key.WithKeys("K", "shift+up"), key.WithHelp("K", "move up")),
		MoveDown: key.NewBinding(key.WithKeys("J", "shift+down"), key.WithHelp("J", "move down")),
		View:     key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "switch view")),
		Edit:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Toggle:   key.NewBinding(key.WithKeys(" ", "x"), key.WithHelp("space", "toggle")),

		Compensating: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "compensating")),
		RiskAccept:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "accept risk")),
		Evidence:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "evidence")),

		AcceptSuggestion: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "take suggestion")),
		KeepAnswer:       key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "keep mine")),
		FilterLayer:      key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "layer")),
		FilterSeverity:   key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "severity")),
		FilterScope:      key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "scope")),
		Graph:            key.NewBinding(key.WithKeys("G"), key.WithHelp("G", "Microsoft Graph")),

		AddFile:         key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add a file")),
		SaveMerged:      key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save")),
		PickParticipant: key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9", "choose")),
		MergeLowest:     key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "lowest")),
		MergeHighest:    key.NewBinding(key.WithKeys("h"), key.WithHelp("h", "highest")),
		MergeAverage:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "average")),
		MergeDiscuss:    key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "discuss")),
		PrevConflict:    key.NewBinding(key.WithKeys("left", "["), key.WithHelp("←", "prev")),
		NextConflict:    key.NewBinding(key.WithKeys("right", "]"), key.WithHelp("→", "next")),
		MergeAll:        key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "settle all")),
	}
}

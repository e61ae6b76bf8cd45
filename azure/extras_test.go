package azure

// fixtureDocs returns the documents of a fixture snapshot the checks
// judge: its documents and one per element of its Graph collections
// (whose "_expect" stays in the Graph object).
func fixtureDocs(s *Snapshot) []Doc {
	inv := NewInventory(s.Documents)
	inv.attach(s)
	return inv.docs
}

package search

// IsStopword lets the tests of the index, which query it as search-worker.js
// does, drop the same words from a query.
func IsStopword(w string) bool { return stopwords[w] }

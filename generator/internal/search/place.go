package search

import (
	"cmp"
	"slices"
)

// place puts docs in the order of their numbers in the index and returns
// those numbers, ascending, and where each document of docs went. A
// document's number is the first one free from a hash of its path, in a
// space of 1.25 to 1.9 times as many numbers as documents (space; at
// least 64), documents being taken by hash, then by path: the numbers
// depend only on which documents there are, as a fresh build's must, and
// a document added or removed moves only the few after it whose numbers
// follow on from its own. Were documents numbered by their place in a sorted list,
// one added would renumber every document after it, and a server would
// write every word file and text file again (Refresh). search-worker.js
// numbers the documents of index.json the same way.
func place(docs []doc) (slots []uint32, went []int32) {
	size := space(len(docs))
	type placed struct {
		d          doc
		home, from uint32
	}
	all := make([]placed, len(docs))
	for i, d := range docs {
		h := hash([]byte(d.path()))
		// The high bits too: FNV-1a's low bits depend only on the low
		// bits of each byte.
		all[i] = placed{d, (h ^ h>>16) % size, uint32(i)}
	}
	slices.SortFunc(all, func(a, b placed) int {
		return cmp.Or(cmp.Compare(a.home, b.home), cmp.Compare(a.d.path(), b.d.path()))
	})
	slots, went = make([]uint32, len(all)), make([]int32, len(all))
	for i, p := range all {
		docs[i], slots[i], went[p.from] = p.d, p.home, int32(i)
		if i > 0 && slots[i-1] >= p.home {
			slots[i] = slots[i-1] + 1
		}
	}
	return slots, went
}

// space returns how many numbers n documents are given: the first of 64,
// 96, 128, 192, 256, 384... that is at least 1.25 n. The fewer numbers
// are left free, the smaller the word files, whose postings are the
// differences between numbers, but the longer the runs of numbers a
// document added moves.
func space(n int) uint32 {
	for s := 64; ; s *= 2 {
		if 5*n <= 4*s {
			return uint32(s)
		}
		if 5*n <= 4*(s+s/2) {
			return uint32(s + s/2)
		}
	}
}

// groups returns how many text files the documents numbered slots, in
// ascending order, need.
func groups(slots []uint32) int {
	if len(slots) == 0 {
		return 0
	}
	return int(slots[len(slots)-1])/Group + 1
}

// inGroup returns the range of slots, ascending, of the documents whose
// text is in file g.
func inGroup(slots []uint32, g int) (lo, hi int) {
	lo, _ = slices.BinarySearch(slots, uint32(g*Group))
	hi, _ = slices.BinarySearch(slots, uint32((g+1)*Group))
	return lo, hi
}

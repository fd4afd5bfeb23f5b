package site

import (
	"hash/maphash"

	"github.com/cooperation-kb/kb/generator/internal/content"
)

// MetaSum is metaSum, for the external tests.
func MetaSum(seed maphash.Seed, m *content.Meta) uint64 { return metaSum(seed, m) }

// Seed returns the seed g hashes with.
func (g *Signer) Seed() maphash.Seed { return g.seed }

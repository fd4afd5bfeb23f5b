// The vendored Decap CMS bundle: decap/README.md says which version, and
// decap/update.sh replaces it.

package cms

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io"
	"sync"
)

// The archive is 1.7 MB gzipped, 5.8 MB as it is published: the
// repository and the generator's binary keep it compressed.
//
//go:embed decap/decap-cms.tar.gz decap/LICENSE.decap-cms
var decap embed.FS

// bundle returns the files of decap/decap-cms.tar.gz, read once.
var bundle = sync.OnceValues(func() ([]File, error) {
	data, err := decap.ReadFile("decap/decap-cms.tar.gz")
	if err != nil {
		return nil, err
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != decapSHA256 {
		return nil, fmt.Errorf("decap/decap-cms.tar.gz is not the archive update.sh made: run it again")
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	var files []File
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return files, nil
		}
		if err != nil {
			return nil, fmt.Errorf("decap/decap-cms.tar.gz: %w", err)
		}
		body, err := io.ReadAll(tr)
		if err != nil {
			return nil, fmt.Errorf("decap/decap-cms.tar.gz: %s: %w", h.Name, err)
		}
		files = append(files, File{Path: Dir + "/" + h.Name, Data: body})
	}
})

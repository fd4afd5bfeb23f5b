package audit

import (
	"compress/gzip"
	"net/http"
	"strings"
)

// gzipped serves h's responses compressed when the browser accepts it, as
// the hosts a site is published on do (GitHub Pages, GitLab Pages, CDNs):
// Lighthouse then times what readers download, not a megabyte of
// uncompressed text.
func gzipped(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") || r.Header.Get("Range") != "" {
			h.ServeHTTP(w, r)
			return
		}
		z := gzip.NewWriter(w)
		defer z.Close()
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Add("Vary", "Accept-Encoding")
		h.ServeHTTP(gzipWriter{w, z}, r)
	})
}

// gzipWriter writes a response through a gzip.Writer; the length of the
// file served no longer is that of the body.
type gzipWriter struct {
	http.ResponseWriter
	z *gzip.Writer
}

func (w gzipWriter) Write(b []byte) (int, error) { return w.z.Write(b) }

func (w gzipWriter) WriteHeader(code int) {
	w.Header().Del("Content-Length")
	w.ResponseWriter.WriteHeader(code)
}

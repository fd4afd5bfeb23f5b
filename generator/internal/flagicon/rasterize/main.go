// Command rasterize draws the heavy flags of svg/, those with a coat of
// arms, as PNG images of flagicon.PNGWidth × PNGHeight pixels. A browser
// draws an SVG image on the page's main thread, and a list naming a
// hundred countries spent a quarter of a second of a phone's time on
// Serbia's 182 KB coat of arms and its like; a PNG of a few kilobytes is
// decoded off that thread. update.sh runs it, in this folder, after it
// replaced the flags; it needs Chromium, the build does not.
//
// It writes small/<code>.png for every flag of more than
// flagicon.SmallAbove bytes, and small/SOURCES, the SHA-256 of the SVG
// each was drawn from, with which the package's tests find a PNG that no
// longer matches its flag.
package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"image/png"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/chromedp/chromedp"

	"github.com/cooperation-kb/kb/generator/internal/flagicon"
)

func main() {
	log.SetFlags(0)
	if err := run(); err != nil {
		log.Fatal(err)
	}
}

func run() error {
	svgs, err := filepath.Glob("svg/*.svg")
	if err != nil {
		return err
	}
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		return fmt.Errorf("rasterize needs Chromium: %w", err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium),
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.Flag("disable-background-networking", true))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	w, h := flagicon.PNGWidth, flagicon.PNGHeight
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(w), int64(h))); err != nil {
		return err
	}
	if err := os.RemoveAll("small"); err != nil {
		return err
	}
	if err := os.Mkdir("small", 0o755); err != nil {
		return err
	}
	var sources strings.Builder
	for _, p := range svgs {
		svg, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if len(svg) <= flagicon.SmallAbove {
			continue
		}
		img, err := draw(ctx, svg, w, h)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		name := strings.TrimSuffix(filepath.Base(p), ".svg")
		if err := os.WriteFile(filepath.Join("small", name+".png"), img, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(&sources, "%x  %s.svg\n", sha256.Sum256(svg), name)
	}
	return os.WriteFile(filepath.Join("small", "SOURCES"), []byte(sources.String()), 0o644)
}

// draw returns svg drawn over w×h pixels as a PNG, compressed as well as
// Go's encoder can.
func draw(ctx context.Context, svg []byte, w, h int) ([]byte, error) {
	const html = `<!doctype html><body style="margin:0">` +
		`<img src="data:image/svg+xml;base64,%s" width="%d" height="%d" style="display:block">`
	page := fmt.Sprintf(html, base64.StdEncoding.EncodeToString(svg), w, h)
	err := chromedp.Do(ctx,
		chromedp.Navigate("data:text/html;base64,"+base64.StdEncoding.EncodeToString([]byte(page))),
		chromedp.Poll[chromedp.Void](`document.images[0].complete && document.images[0].naturalWidth > 0`))
	if err != nil {
		return nil, err
	}
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		return nil, err
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		return nil, err
	}
	if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
		return nil, fmt.Errorf("drawn at %dx%d, want %dx%d", b.Dx(), b.Dy(), w, h)
	}
	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&out, img); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

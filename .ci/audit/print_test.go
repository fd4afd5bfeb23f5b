package audit

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

var printDir = flag.String("print-dir", "", "also print each page to a PDF in this `folder`, to look at")

// paperWidth is the width that A4 paper leaves for the page within
// Chromium's default margins of 1 cm, in CSS pixels.
const paperWidth = 718

// printProblems lists what would print badly on the page open, laid out
// for print media at the width of the paper.
const printProblems = `(() => {
	const problems = [];
	const shown = (el) => el.checkVisibility({visibilityProperty: true});
	const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
		[...el.classList].map((c) => "." + c).join("");

	// Navigation between pages and controls that need a screen.
	for (const el of document.querySelectorAll('.skip, nav[aria-label="Main"], nav.crumbs, nav.toc, form, button, input, select')) {
		if (shown(el)) problems.push(name(el) + " is printed");
	}

	// Paper cannot scroll: what reaches past its width is cut off.
	const width = document.documentElement.clientWidth;
	for (const el of document.body.querySelectorAll("*")) {
		if (!shown(el) || el.getBoundingClientRect().right <= width + 1) continue;
		const parent = el.parentElement;
		if (parent !== document.body && parent.getBoundingClientRect().right > width + 1) continue;
		problems.push(name(el) + " reaches " + Math.round(el.getBoundingClientRect().right) + "px, past the paper's " + width + "px");
	}

	// Nor can paper open a disclosure.
	for (const d of document.querySelectorAll("details")) {
		for (const el of d.children) {
			if (el.tagName !== "SUMMARY" && !shown(el)) problems.push(name(el) + " in a closed details is not printed");
		}
	}

	// Browsers leave backgrounds out, so every text is printed on white.
	const luminance = (css) => {
		const m = css.match(/[\d.]+/g).map(Number);
		const a = m.length > 3 ? m[3] : 1;
		const [r, g, b] = m.slice(0, 3).map((c) => {
			const s = (c * a + 255 * (1 - a)) / 255;
			return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
		});
		return 0.2126 * r + 0.7152 * g + 0.0722 * b;
	};
	for (const el of document.body.querySelectorAll("*")) {
		const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== "");
		if (!own || !shown(el) || el.closest(".vh")) continue;
		const style = getComputedStyle(el);
		const color = el instanceof SVGElement ? style.fill : style.color;
		const ratio = 1.05 / (luminance(color) + 0.05);
		if (ratio < 4.5) problems.push(name(el) + " «" + el.textContent.trim().slice(0, 40) + "» is printed in " + color + ", contrast " + ratio.toFixed(2) + " on white");
	}
	return problems;
})()`

// TestPrint lays every page out for print, as in the light and the dark
// scheme, and checks that it prints its content and nothing else: no
// navigation or form, nothing wider than the paper, disclosures open, and
// every text dark enough for white paper.
func TestPrint(t *testing.T) {
	s := sample.get(t)
	pages := append(slices.Clone(s.pages), searchPage)
	if *printDir != "" {
		if err := os.MkdirAll(*printDir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			ctx := tab(t)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(paperWidth, 1000)); err != nil {
				t.Fatal(err)
			}
			if err := emulateMedia(ctx, "print", scheme); err != nil {
				t.Fatal(err)
			}
			for _, path := range pages {
				if err := open(ctx, s.base, path); err != nil {
					t.Error(err)
					continue
				}
				problems, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](printProblems))
				if err != nil {
					t.Errorf("/%s: %v", path, err)
					continue
				}
				if len(problems) > 0 {
					t.Errorf("/%s prints badly in the %s scheme:\n\t%s", path, scheme, strings.Join(problems, "\n\t"))
				}
				if *printDir != "" {
					savePDF(t, ctx, filepath.Join(*printDir, scheme+"-"+pdfName(path)))
				}
			}
		})
	}
}

// pdfName names the PDF of a page after its path.
func pdfName(path string) string {
	name := strings.Trim(strings.NewReplacer("/", "-", "?", "", "=", "-").Replace(path), "-")
	if name == "" {
		name = "home"
	}
	return name + ".pdf"
}

// savePDF prints the page open in ctx on A4 paper to a file.
func savePDF(t *testing.T, ctx context.Context, file string) {
	t.Helper()
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		r, err := cdp.Call(ctx, target, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: 8.27, PaperHeight: 11.69})
		if err != nil {
			return err
		}
		return os.WriteFile(file, r.Data, 0o644)
	}))
	if err != nil {
		t.Errorf("printing %s: %v", file, err)
	}
}

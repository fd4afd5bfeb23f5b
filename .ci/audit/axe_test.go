package audit

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// axeResult is what the page gives back of axe.run.
type axeResult struct {
	Passes     int
	Violations []struct {
		ID, Impact, Help, HelpURL string
		Nodes                     []struct{ Target, Summary string }
	}
}

// axeRun runs axe, already injected, with the rules of WCAG 2.0 and 2.1 at
// levels A and AA and axe's best practices, which hold the rules on
// landmarks and heading order, and keeps what a report needs.
const axeRun = `axe.run(document, {
	runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
	resultTypes: ["violations"],
}).then((r) => ({
	passes: r.passes.length,
	violations: r.violations.map((v) => ({
		id: v.id, impact: v.impact, help: v.help, helpURL: v.helpUrl,
		nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary})),
	})),
}))`

// runAxe injects axe into the page open in ctx and runs it.
func runAxe(ctx context.Context, axeSource string) (axeResult, error) {
	var r axeResult
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](axeSource)); err != nil {
		return r, fmt.Errorf("injecting axe: %w", err)
	}
	return chromedp.Run(ctx, chromedp.Evaluate[axeResult](axeRun, chromedp.EvalAwaitPromise))
}

// report lists each violation with its nodes, for a failing test.
func (r axeResult) report() string {
	var b strings.Builder
	for _, v := range r.Violations {
		fmt.Fprintf(&b, "\n%s (%s): %s\n  %s\n", v.ID, v.Impact, v.Help, v.HelpURL)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "  - %s\n    %s\n", n.Target, strings.ReplaceAll(n.Summary, "\n", "\n    "))
		}
	}
	return b.String()
}

// emulateMedia makes the tab's pages see media as the media type ("" for
// the screen) and scheme as prefers-color-scheme.
func emulateMedia(ctx context.Context, media, scheme string) error {
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Media:    media,
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	}))
	if err != nil {
		return err
	}
	query := fmt.Sprintf("(prefers-color-scheme: %s)", scheme)
	if media != "" {
		query = media + " and " + query
	}
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf("matchMedia(%q).matches", query)))
	if err == nil && !ok {
		err = fmt.Errorf("emulating %s: the tab does not match it", query)
	}
	return err
}

// TestAxe runs axe-core on every page of the site, and on the search page
// showing results, in the light and the dark scheme.
func TestAxe(t *testing.T) {
	s := sample.get(t)
	auditAxe(t, s, append(slices.Clone(s.pages), searchPage))
}

// auditAxe runs axe-core on the pages of a site in the light and the dark
// scheme.
func auditAxe(t *testing.T, s *builtSite, pages []string) {
	src, err := os.ReadFile(tool(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			ctx := tab(t)
			if err := emulateMedia(ctx, "", scheme); err != nil {
				t.Fatal(err)
			}
			for _, path := range pages {
				if err := open(ctx, s.base, path); err != nil {
					t.Error(err)
					continue
				}
				r, err := runAxe(ctx, string(src))
				switch {
				case err != nil:
					t.Errorf("/%s: running axe: %v", path, err)
				case r.Passes == 0:
					t.Errorf("/%s: axe passed no rule, so it did not check the page", path)
				case len(r.Violations) > 0:
					t.Errorf("/%s in the %s scheme: %d axe violations:%s", path, scheme, len(r.Violations), r.report())
				}
			}
			t.Logf("%d pages checked in the %s scheme", len(pages), scheme)
		})
	}
}

package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// A workflow is the part of a GitHub Actions workflow that the tests check.
type workflow struct {
	Name string         `yaml:"name"`
	On   map[string]any `yaml:"on"`
	Jobs map[string]struct {
		RunsOn string `yaml:"runs-on"`
		Steps  []struct {
			Uses string `yaml:"uses"`
			Run  string `yaml:"run"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

// TestPagesWorkflow: the GitHub Pages workflow is valid YAML of a workflow
// that builds the site with the address Pages gives as -baseurl and
// publishes public/, and every generator command it runs is one the
// generator and the documentation know.
func TestPagesWorkflow(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", ".github", "workflows", "pages.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var w workflow
	if err := yaml.Unmarshal(src, &w); err != nil {
		t.Fatalf("pages.yml: %v", err)
	}
	if w.Name == "" || w.On["push"] == nil || len(w.Jobs) != 2 {
		t.Errorf("pages.yml: name %q, on %v, %d jobs; want a name, a push trigger, build and deploy", w.Name, w.On, len(w.Jobs))
	}
	var uses []string
	for name, job := range w.Jobs {
		if job.RunsOn == "" || len(job.Steps) == 0 {
			t.Errorf("pages.yml: job %s: runs-on %q, %d steps", name, job.RunsOn, len(job.Steps))
		}
		for i, s := range job.Steps {
			if (s.Uses == "") == (s.Run == "") {
				t.Errorf("pages.yml: job %s, step %d: want one of uses and run", name, i+1)
			}
			if s.Uses != "" {
				uses = append(uses, strings.Split(s.Uses, "@")[0])
			}
		}
	}
	for _, action := range []string{"actions/checkout", "actions/setup-go", "actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} {
		if !strings.Contains(strings.Join(uses, " "), action) {
			t.Errorf("pages.yml does not use %s", action)
		}
	}
	cmds := generatorCommands(t, "pages.yml", string(src))
	if len(cmds) != 1 || !strings.Contains(cmds[0], `-baseurl "${{ steps.pages.outputs.base_url }}/"`) {
		t.Errorf("pages.yml runs %q, want one build with -baseurl from the Pages step", cmds)
	}
}

// yamlFence is a fenced block of YAML in Markdown.
var yamlFence = regexp.MustCompile("(?ms)^```ya?ml\n(.*?)^```")

// TestDeployDocExamples: every YAML example of docs/deploy.md parses, and
// every generator command in it (and in its shell examples) is one the
// generator and the documentation know.
func TestDeployDocExamples(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "docs", "deploy.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := yamlFence.FindAllStringSubmatch(string(src), -1)
	if len(blocks) < 3 {
		t.Fatalf("docs/deploy.md has %d YAML examples, want GitHub Pages, GitLab Pages and a bucket's", len(blocks))
	}
	for i, b := range blocks {
		var doc map[string]any
		if err := yaml.Unmarshal([]byte(b[1]), &doc); err != nil {
			t.Errorf("docs/deploy.md, YAML example %d: %v", i+1, err)
		}
	}
	if cmds := generatorCommands(t, "docs/deploy.md", string(src)); len(cmds) < 4 {
		t.Errorf("docs/deploy.md: %d generator commands, want at least 4: %q", len(cmds), cmds)
	}
}

// generatorCommands finds every `go run ./generator` command in text and
// checks it: the generator accepts its command and flags (run with -h,
// which stops at the first unknown one), and docs/cli.md documents the
// command and each flag. It returns the commands.
func generatorCommands(t *testing.T, file, text string) []string {
	t.Helper()
	cli, err := os.ReadFile(filepath.Join("..", "docs", "cli.md"))
	if err != nil {
		t.Fatal(err)
	}
	var cmds []string
	for _, line := range strings.Split(text, "\n") {
		i := strings.Index(line, "go run ./generator")
		if i < 0 || strings.Contains(line[:i], "`") {
			continue
		}
		cmd := strings.TrimSpace(line[i:])
		cmds = append(cmds, cmd)
		args := shellWords(strings.TrimPrefix(cmd, "go run ./generator"))
		if code := run(append(args, "-h"), io.Discard, io.Discard); code != 0 {
			t.Errorf("%s: %s: the generator refuses it (exit %d)", file, cmd, code)
		}
		if len(args) > 0 && !strings.HasPrefix(args[0], "-") && !strings.Contains(string(cli), "go run ./generator "+args[0]) {
			t.Errorf("%s: %s: docs/cli.md does not show the %s command", file, cmd, args[0])
		}
		for _, a := range args {
			if strings.HasPrefix(a, "-") && !strings.Contains(string(cli), fmt.Sprintf("`%s", a)) {
				t.Errorf("%s: %s: docs/cli.md does not document %s", file, cmd, a)
			}
		}
	}
	return cmds
}

// shellWords splits a command line into words as a shell does for the
// quoting these examples use: spaces outside quotes separate words.
func shellWords(s string) []string {
	var words []string
	var word strings.Builder
	var quote rune
	inWord := false
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			word.WriteRune(r)
		case r == '"' || r == '\'':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, word.String())
				word.Reset()
				inWord = false
			}
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, word.String())
	}
	return words
}

func TestShellWords(t *testing.T) {
	got := fmt.Sprintf("%q", shellWords(` deploy -baseurl "${{ steps.pages.outputs.base_url }}/" -target 's3://b?region=x' -dry-run`))
	want := `["deploy" "-baseurl" "${{ steps.pages.outputs.base_url }}/" "-target" "s3://b?region=x" "-dry-run"]`
	if got != want {
		t.Errorf("shellWords = %s, want %s", got, want)
	}
}

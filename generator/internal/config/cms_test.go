package config

import "testing"

func TestParseCMS(t *testing.T) {
	c, err := Parse([]byte("cms = true\n"), Default())
	if err != nil {
		t.Fatal(err)
	}
	want := CMSBackend{Name: "git-gateway", Branch: "main", LocalURL: DefaultCMSLocalURL}
	if !c.CMS || c.CMSBackend != want {
		t.Errorf("cms %v, backend %+v; want true, %+v", c.CMS, c.CMSBackend, want)
	}
	src := `cms = true

[cmsBackend]
name = "github"
repo = "cooperation-kb/kb"
branch = "content"
authURL = "https://auth.example.org"
localURL = "http://localhost:8082/api/v1"
`
	if c, err = Parse([]byte(src), Default()); err != nil {
		t.Fatal(err)
	}
	want = CMSBackend{Name: "github", Repo: "cooperation-kb/kb", Branch: "content",
		AuthURL: "https://auth.example.org", LocalURL: "http://localhost:8082/api/v1"}
	if c.CMSBackend != want {
		t.Errorf("backend %+v, want %+v", c.CMSBackend, want)
	}
	if Default().CMS {
		t.Error("the CMS is published without cms = true")
	}
}

func TestParseCMSErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"cms as text", "cms = \"yes\"\n",
			`config.toml:1:1: cms: expected true or false, got a string`},
		// The settings of a backend have a table of their own.
		{"cms as a table", "[cms]\nbackend = \"github\"\n",
			"config.toml:1:1: cms: expected true or false, got a table\n" +
				`config.toml:2:1: unknown key "cms.backend" (did you mean "cmsBackend"?)`},
		{"unknown backend", "cms = true\n[cmsBackend]\nname = \"githb\"\n",
			`config.toml:3:1: cmsBackend.name: unknown backend "githb" (did you mean "github"?)`},
		{"backend without repo", "cms = true\n\n[cmsBackend]\n  name = \"gitlab\"\n",
			`config.toml:4:3: cmsBackend.name: the gitlab backend needs repo, the repository as "owner/name", got ""`},
		{"repo without owner", "[cmsBackend]\nname = \"github\"\nrepo = \"kb\"\n",
			`config.toml:3:1: cmsBackend.repo: the github backend needs repo, the repository as "owner/name", got "kb"`},
		{"empty branch", "[cmsBackend]\nbranch = \"\"\n",
			`config.toml:2:1: cmsBackend.branch: must not be empty`},
		{"relative local URL", "[cmsBackend]\nlocalURL = \"localhost:8081\"\n",
			`config.toml:2:1: cmsBackend.localURL: expected an absolute http(s) URL, got "localhost:8081"`},
		{"unknown key", "[cmsBackend]\nrepository = \"a/b\"\n",
			`config.toml:2:1: unknown key "cmsBackend.repository" (did you mean "cmsBackend.repo"?)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse([]byte(tc.src), Default())
			if err == nil {
				t.Fatalf("no error, config %+v", c)
			}
			if err.Error() != tc.want {
				t.Errorf("error:\n%s\nwant:\n%s", err, tc.want)
			}
		})
	}
}

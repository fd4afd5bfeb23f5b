// Package content reads the Markdown files of a site's content/ folder.
//
// The content format:
//
//   - Every file is Markdown with front matter in YAML (between "---" lines),
//     TOML (between "+++" lines) or JSON (an object, or between ";;;" lines).
//     A UTF-8 byte order mark and CRLF or CR line ends are accepted.
//   - content/_index.md is the text of the home page; content/<dir>/_index.md
//     the text of a section's list page.
//   - content/agreements/<slug>.md and content/interviews/<slug>.md are
//     agreements and interviews, also as bundles (<slug>/index.md with
//     images beside it).
//   - content/countries/<slug>.md, content/topics/<slug>.md and
//     content/organisations/<slug>.md describe a term: its title,
//     description, aliases and prose.
//   - Any other Markdown file is a plain page; other files are copied.
//   - A file is UTF-8 text without NUL bytes, no larger than maxFileSize
//     in config.toml, and no line of it opens more than MaxNesting lists
//     and block quotes.
//
// Which fields each kind takes is in meta.go; Load checks them all and
// reports every problem with the file, line and column where it was
// written. Lines in Body keep their numbers: BodyLine is the file line of
// the body's first line.
package content

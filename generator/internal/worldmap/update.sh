#!/bin/sh
# update.sh replaces the world-atlas TopoJSON with the given version from
# npm (default: the latest) and regenerates countries.txt from it. It needs
# npm; the site's build does not.
set -eu
cd "$(dirname "$0")"
version=${1:-latest}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "world-atlas@$version" >/dev/null && tar xzf world-atlas-*.tgz)
cp "$tmp/package/countries-110m.json" internal/gen/countries-110m.json
cp "$tmp/package/LICENSE" internal/gen/LICENSE.world-atlas
go generate .
echo "world-atlas $(sed -n 's/.*"version": "\(.*\)".*/\1/p' "$tmp/package/package.json"): update the version in README.md"

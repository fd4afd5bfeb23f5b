#!/bin/sh
# update.sh replaces the flags in svg/ with the 4x3 flags of the given
# version of the flag-icons npm package (default: the latest). It needs
# npm; the site's build does not. It copies the flags with two-letter
# names, those of countries; flag-icons's regional flags (gb-sct, es-ct)
# and organisations' (arab, asean) are left out. It then draws the heavy
# flags as PNG images into small/ (rasterize/), which needs Chromium.
set -eu
cd "$(dirname "$0")"
version=${1:-latest}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "flag-icons@$version" >/dev/null && tar xzf flag-icons-*.tgz)
rm -f svg/*.svg
mkdir -p svg
cp "$tmp"/package/flags/4x3/??.svg svg/
cp "$tmp/package/LICENSE" LICENSE.flag-icons
go run ./rasterize
echo "flag-icons $(sed -n 's/.*"version": "\(.*\)".*/\1/p' "$tmp/package/package.json"): update the version in README.md"

#!/usr/bin/env bash
# Fetches the front-end files caseload serves (and the test-only ones) from the npm
# registry at pinned versions, checks each tarball's SHA-256, and copies the built files
# into the tree. The copies are committed, so a fresh machine needs neither npm nor the
# network to run caseload; run `make vendor` only to change a version.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fetch() {  # name version sha256
  (cd "$work" && npm pack --silent "$1@$2" >/dev/null)
  local tarball="$work/${1//\//-}-$2.tgz"
  echo "$3  $tarball" | sha256sum --check --quiet
  rm -rf "$work/package" && tar -xzf "$tarball" -C "$work"
}

fetch bootstrap 5.3.8 8b02d4a7482e0f0a2b1da58f1c9c86830e96cc2f77f094f89e4681b19886bc38
dest=src/caseload/static/vendor/bootstrap
rm -rf "$dest" && mkdir -p "$dest"
cp "$work"/package/dist/css/bootstrap.min.css{,.map} "$work"/package/dist/js/bootstrap.bundle.min.js{,.map} "$work"/package/LICENSE "$dest"/
echo "bootstrap 5.3.8 -> $dest"

# Test only: the browser tests inject axe-core into each page they check; never served.
fetch axe-core 4.11.0 39bed7d72308f6d620789c169d699bfd7e8da80f65b545821a6b2215c3e83107
dest=tests/e2e/vendor
mkdir -p "$dest"
cp "$work"/package/axe.min.js "$dest"/axe.min.js
cp "$work"/package/LICENSE "$dest"/axe-core-LICENSE
echo "axe-core 4.11.0 -> $dest"

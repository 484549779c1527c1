#!/usr/bin/env bash
# Regenerates the README's screenshots of a bundle: desktop, phone (390 px)
# and the first printed page, from the sample project, with headless
# Chromium (and pdftoppm for the printed page). Run from the repository root:
#   bash tests/screenshots/make.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
out=tests/screenshots
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r corpus codebooks "$work/"
mkdir "$work/outputs"
cargo build --release -q
(cd "$work" && "$OLDPWD/target/release/pipeline" run -q --date 2026-11-28 --accept-unreviewed)
page="file://$work/outputs/bundles/trust-and-return/bundle.html"
shot() { chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile" "$@" >/dev/null 2>&1; }
shot --window-size=1200,1500 --screenshot="$out/desktop.png" "$page"
shot --window-size=390,1400 --screenshot="$out/phone.png" "$page"
shot --print-to-pdf="$work/print.pdf" --no-pdf-header-footer "$page"
pdftoppm -png -r 60 -f 3 -l 3 -singlefile "$work/print.pdf" "$out/print"
ls -la "$out"/*.png

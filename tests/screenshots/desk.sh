#!/usr/bin/env bash
# Regenerates the README's screenshots of the editors' desk (`pipeline
# serve`) on the sample project, after one hand coding and one memo made
# through the desk itself, with headless Chromium. Run from the repository
# root:
#   bash tests/screenshots/desk.sh
set -eu
cd "$(dirname "$0")/../.."
out=tests/screenshots
work=$(mktemp -d)
cp -r corpus codebooks "$work/"
rm -f "$work/corpus/desk.sqlite"*
mkdir "$work/outputs"
cargo build --release -q
bin="$PWD/target/release/pipeline"
(cd "$work" && "$bin" ingest -q && "$bin" code -q)
(cd "$work" && exec "$bin" serve --port 0 --editor "Amina" >"$work/url" 2>/dev/null) &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do [ -s "$work/url" ] && break; sleep 0.1; done
url=$(head -1 "$work/url")
base=${url%%/\?token=*}
token=${url##*token=}
jar="$work/cookies"
curl -s -c "$jar" -o /dev/null "$url"
doc="interviews/az-ganja-01.txt"
page=$(curl -s -b "$jar" "$base/doc?id=$doc")
csrf=$(printf '%s' "$page" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//; s/"//')
# One hand coding and one memo, as an editor would make them.
start=$(printf '%s' "$page" | grep -o 'data-start="[0-9]*" data-end="[0-9]*" data-codes="[^"]*">I was born' | head -1 | sed 's/data-start="\([0-9]*\)".*/\1/')
curl -s -b "$jar" -o /dev/null -d "csrf=$csrf&doc=$doc&start=$start&end=$((start + 40))&code=displacement%3Ahousing%2Fownership&action=add" "$base/coding"
curl -s -b "$jar" -o /dev/null -d "csrf=$csrf&kind=document&doc=$doc&text=Ask+about+the+years+in+the+classroom+in+the+follow-up." "$base/memo"
shot() { chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile-$1" --window-size=1300,"$2" --screenshot="$out/desk-$1.png" "$3" >/dev/null 2>&1; }
shot overview 1100 "$base/?token=$token"
shot document 1300 "$base/doc?id=$doc&token=$token"
shot code 1100 "$base/code?book=displacement&code=housing/collective-centre&token=$token"
shot search 1000 "$base/search?q=dormitor*+OR+%22collective+centre%22&view=kwic&token=$token"
shot tables 1300 "$base/tables?by=country&token=$token"
shot review 1300 "$base/review?bundle=trust-and-return&token=$token"
ls -la "$out"/desk-*.png

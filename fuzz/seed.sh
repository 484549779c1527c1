#!/usr/bin/env bash
# Fills fuzz/corpus/TARGET/ (git-ignored) with small seeds: the sample project
# and the third-party files of ../shared/corpora/external (read in place,
# never copied into the repository). Run from the repository root.
set -euo pipefail
ext=../shared/corpora/external
seed() { # target, files…
    local t=$1; shift
    mkdir -p "fuzz/corpus/$t"
    for f in "$@"; do
        [ -f "$f" ] || continue
        # Keep the seed corpus small: files up to 256 KB.
        [ "$(stat -c %s "$f")" -le 262144 ] || continue
        cp "$f" "fuzz/corpus/$t/$(sha256sum "$f" | cut -c1-16)"
    done
}
shopt -s globstar nullglob
seed text corpus/**/*.txt corpus/**/*.md $ext/chardet/**/* $ext/encoding_rs/**/*
seed docx corpus/**/*.docx $ext/**/*.docx
seed pdf corpus/**/*.pdf $ext/pdfjs/**/*.pdf $ext/lopdf/**/*.pdf $ext/pypdf/**/*.pdf
seed subtitles corpus/**/*.vtt corpus/**/*.srt $ext/**/*.vtt $ext/**/*.srt
seed codebook codebooks/*.toml $ext/**/*.qdc
seed register corpus/register.csv corpus/metadata.csv
seed qdpx $ext/**/*.qdpx
mkdir -p fuzz/corpus/query
i=0
grep -ho "match = '[^']*'\|match = \"[^\"]*\"" codebooks/*.toml | sed "s/^match = .//; s/.$//" |
while IFS= read -r q; do i=$((i + 1)); printf '%s' "$q" > "fuzz/corpus/query/q$i"; done
for t in fuzz/corpus/*; do echo "$t: $(ls "$t" | wc -l) seeds"; done

#!/bin/sh
# Write a large fictional export set for benchmarks (default: 100,000 children).
#
#   benchmarks/make_large_exports.sh [CHILDREN] [DIR]
#
# DIR defaults to ./large_exports-CHILDREN; the script refuses a non-empty DIR.
# The files are generated, never committed. Prints the generation time and sizes.
set -eu
children="${1:-100000}"
out="${2:-large_exports-$children}"
here="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-python}"
start=$(date +%s)
"$python" "$here/sample_exports/generate.py" --children "$children" --out "$out"
end=$(date +%s)
echo "generated $children children in $((end - start)) s into $out"
wc -l "$out"/*.csv
du -sh "$out"

#!/usr/bin/env bash
# What the grammars cost to build and ship: a clean release build (`cargo build --release
# --locked`, fresh target directory, crates already downloaded) of each revision, one after the
# other, with its wall time and the binary's size. Not a test: it prints measurements.
#
#   benches/build-cost.sh [REV...]     (default: HEAD)
#
# Each revision is cloned from this repository into a temporary directory, so the working tree
# is not touched. JOBS (default 2, as in CI) limits the build's parallelism.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
jobs=${JOBS:-2}
[ $# -gt 0 ] || set -- HEAD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-12s %-9s %10s %12s\n' revision commit build binary
for rev in "$@"; do
  dir=$work/$(git rev-parse --short "$rev")
  git clone -q "$repo" "$dir"
  git -C "$dir" checkout -q "$(git rev-parse "$rev")"
  start=$(date +%s.%N)
  (cd "$dir" && CARGO_TARGET_DIR=$dir/target cargo build --release --locked -j "$jobs" -q)
  end=$(date +%s.%N)
  size=$(stat -c %s "$dir/target/release/authlint")
  printf '%-12s %-9s %9.0fs %9.1f MB\n' "$rev" "$(git rev-parse --short "$rev")" \
    "$(echo "$end - $start" | bc)" "$(echo "scale=1; $size / 1000000" | bc)"
  rm -rf "$dir"
done

#!/usr/bin/env bash
# Side-by-side sweep speed: authlint (all rules) against ripgrep searching the same files for
# the same prefilter keywords, in one run, on one tree. Not a test: it prints timings.
#
#   benches/compare-ripgrep.sh [DIR] [RUNS]
#
# Without DIR it builds a synthetic tree under a temporary directory: many ordinary source
# files with no keyword (the common case in a sweep) and a copy of the fixtures sprinkled in.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${2:-5}
command -v rg >/dev/null || { echo "ripgrep (rg) is needed: apt-get install ripgrep" >&2; exit 2; }
cargo build --release --locked -q
bin=target/release/authlint

if [ $# -ge 1 ]; then
  tree=$1
else
  tree=$(mktemp -d)
  trap 'rm -rf "$tree"' EXIT
  python3 - "$tree" <<'PY'
import os, random, sys, shutil
root = sys.argv[1]
random.seed(7)
words = "def class return import value items result config client request response data user id name".split()
for d in range(200):
    sub = os.path.join(root, f"pkg{d}")
    os.makedirs(sub)
    for f in range(40):
        lines = [" ".join(random.choice(words) for _ in range(8)) for _ in range(400)]
        with open(os.path.join(sub, f"mod{f}.py"), "w") as fh:
            fh.write("\n".join(lines))
shutil.copytree("fixtures", os.path.join(root, "fixtures"))
PY
fi

size=$(du -sh "$tree" | cut -f1)
files=$(find "$tree" -type f | wc -l)
keywords=()
for k in $(grep -h '^keywords' rules/*.toml | grep -o '"[a-z_]*"' | tr -d '"' | sort -u); do keywords+=(-e "$k"); done

time_it() {
  local best=""
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N)
    best=$(python3 -c "a='$best'; t=$e-$s; print(t if not a or t < float(a) else a)")
  done
  printf '%.3f s' "$best"
}

echo "tree: $tree ($size, $files files), best of $runs runs"
echo "ripgrep, keywords (-i -l):  $(time_it rg -i -l --no-ignore "${keywords[@]}" "$tree")"
echo "authlint scan, all rules:   $(time_it "$bin" scan --no-ignore --format json --fail-on never "$tree")"

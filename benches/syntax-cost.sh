#!/usr/bin/env bash
# The cost of the syntax layer: authlint (tree-sitter facts) against authlint --text-only
# (line regexes only) and ripgrep searching the same files for the same prefilter keywords,
# measured side by side in one run with interleaved repetitions; medians are printed.
# Not a test: it prints timings.
#
#   benches/syntax-cost.sh [RUNS]
#
# Trees (real code nobody here wrote, and a worst case):
#   java     the JDK's own sources (src.zip of any installed JDK), where almost no file
#            passes the prefilter, as in a typical repository;
#   python   this machine's Python library with its site-packages (or $TYPICAL_TREE): more
#            files mention passwords, tokens and query strings;
#   dense    every file passes the prefilter and is parsed: the fixtures of the parsed
#            languages copied 40 times (the worst case for the syntax layer).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
command -v rg >/dev/null || { echo "ripgrep (rg) is needed: apt-get install ripgrep" >&2; exit 2; }
cargo build --release --locked -q
bin=$PWD/target/release/authlint

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
typical=${TYPICAL_TREE:-$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')}
mkdir -p "$work/python"
cp -r "$typical" "$work/python/lib"
trees="python dense"
src_zip=""
for z in /usr/lib/jvm/*/lib/src.zip; do [ -f "$z" ] && src_zip=$z && break; done
if [ -n "$src_zip" ]; then
  mkdir -p "$work/java"
  python3 -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])" \
    "$src_zip" "$work/java/jdk"
  trees="java $trees"
fi
mkdir -p "$work/dense"
for i in $(seq 40); do
  mkdir -p "$work/dense/copy$i"
  find fixtures -type f \( -name '*.py' -o -name '*.java' -o -name '*.js' -o -name '*.ts' \
    -o -name '*.tsx' -o -name '*.json' -o -name '*.yaml' -o -name '*.yml' -o -name '*.xml' \
    -o -name '*.properties' -o -name '*.env' -o -name '*.go' -o -name '*.rb' -o -name '*.php' \
    -o -name '*.cls' -o -name '*.cs' -o -name '*.kt' -o -name '*.scala' -o -name '*.sh' \) \
    -exec cp --parents {} "$work/dense/copy$i" \;
done

keywords=()
while IFS= read -r k; do keywords+=(-e "$k"); done < <(
  python3 - <<'PY'
import glob, tomllib
seen = set()
for path in sorted(glob.glob("rules/*.toml")):
    with open(path, "rb") as f:
        seen.update(tomllib.load(f)["keywords"])
print("\n".join(sorted(seen)))
PY
)

declare -A names=(
  [rg]="ripgrep -i -F -l, keywords"
  [text]="authlint --text-only"
  [facts]="authlint (facts)"
)
run_one() { # tool tree
  case $1 in
    rg) rg -i -F -l --no-ignore --hidden "${keywords[@]}" "$2" ;;
    text) "$bin" scan --text-only --no-ignore --format json --fail-on never "$2" ;;
    facts) "$bin" scan --no-ignore --format json --fail-on never "$2" ;;
  esac >/dev/null 2>&1 || true
}

for tree in $trees; do
  dir=$work/$tree
  size=$(du -sh "$dir" | cut -f1)
  files=$(find "$dir" -type f | wc -l)
  declare -A times=()
  # Warm the page cache, then interleave the tools in every repetition.
  cat $(find "$dir" -type f) >/dev/null 2>&1 || true
  for _ in $(seq "$runs"); do
    for tool in rg text facts; do
      s=$(date +%s%N); run_one "$tool" "$dir"; e=$(date +%s%N)
      times[$tool]+="$(( (e - s) / 1000000 )) "
    done
  done
  parsed=$("$bin" scan --no-ignore --format json --fail-on never "$dir" 2>/dev/null |
    python3 -c "import json, sys; print(json.load(sys.stdin)['summary']['files_parsed'])")
  echo "$tree tree: $size, $files files ($parsed parsed); median of $runs interleaved runs"
  rgm=0
  for tool in rg text facts; do
    med=$(python3 -c "import statistics,sys; print(int(statistics.median(map(int, sys.argv[1:]))))" ${times[$tool]})
    [ "$tool" = rg ] && rgm=$med
    ratio=$(python3 -c "print(f'{$med / max($rgm, 1):.2f}')")
    printf '  %-32s %6d ms   %sx ripgrep\n' "${names[$tool]}" "$med" "$ratio"
  done
  unset times
done

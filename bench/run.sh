#!/usr/bin/env bash
# Whole-process figures on this machine, side by side in one run: medians of
# wall time (hyperfine) and peak resident memory (/usr/bin/time -v) for the
# seed, 10,000- and 100,000-row appendices, reading a 100,000-row returned
# form, `vanban --help`, and LibreOffice converting our DOCX.
#
#   bench/run.sh            # needs hyperfine, GNU time, python3; soffice for the last line
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in hyperfine /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh: $tool is missing (apt-get install hyperfine time python3)" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A static build, as the README recommends: a dynamically linked binary
# (cgo, for the net package) starts ~1 ms slower.
CGO_ENABLED=0 go build -o "$work/vanban" ./cmd/vanban
v="$work/vanban"
cp examples/cong-van-cchc-2023.yaml "$work/seed.yaml"

# rows N FILE: the seed with an appendix of N one-line rows.
rows() {
  awk -v n="$1" '
    /^    blank_rows: 3$/ {
      print "    rows:"
      for (i = 1; i <= n; i++) printf "      - [\"%d.%d. Tiêu chí thành phần\", \"1\", \"0,5\", \"Lý do\", \"Bổ sung\", \"1\"]\n", i / 50 + 1, i % 50 + 1
      next
    }
    { print }' examples/cong-van-cchc-2023.yaml > "$2"
}
rows 10000 "$work/r10k.yaml"
rows 100000 "$work/r100k.yaml"
# A returned form of 100,000 rows: our own XLSX of the 100,000-row document,
# read back through rows_from.
mkdir -p "$work/form"
"$v" render --format xlsx -o "$work/form" "$work/r100k.yaml" >/dev/null
sed 's|^    blank_rows: 3$|    rows_from: form/r100k.xlsx|' examples/cong-van-cchc-2023.yaml > "$work/from100k.yaml"

out="$work/out"
mkdir -p "$out"
declare -a names cmds
add() { names+=("$1"); cmds+=("$2"); }
add "vanban --help"                       "$v --help"
add "seed, DOCX+PDF"                      "$v render --format docx,pdf -o $out $work/seed.yaml"
add "seed, DOCX+PDF+XLSX"                 "$v render -o $out $work/seed.yaml"
add "10,000 rows, DOCX+PDF+XLSX"          "$v render -o $out $work/r10k.yaml"
add "10,000 rows, PDF"                    "$v render --format pdf -o $out $work/r10k.yaml"
add "100,000 rows, DOCX+PDF+XLSX"         "$v render -o $out $work/r100k.yaml"
add "100,000 rows, PDF"                   "$v render --format pdf -o $out $work/r100k.yaml"
add "read a 100,000-row returned form"    "$v check $work/from100k.yaml"
if command -v soffice >/dev/null; then
  "$v" render --format docx -o "$work" "$work/seed.yaml" >/dev/null
  add "LibreOffice: seed DOCX → PDF"      "soffice -env:UserInstallation=file://$work/lo --headless --convert-to pdf --outdir $work/lo-out $work/seed.docx"
fi

# The short runs (--help and the seed) last a few milliseconds, and on a
# virtual machine whose host is busy they all slow down together, by a
# third at times. So they are measured in rounds, the three side by side in
# each, spread over half a minute; the table gives the median of the round
# in which --help was fastest (the host's quietest) and, after it, the range
# of the rounds' medians.
rounds=5
for r in $(seq "$rounds"); do
  hyperfine -N --warmup 10 --runs 60 --export-json "$work/round$r.json" \
    "${cmds[0]}" "${cmds[1]}" "${cmds[2]}" >/dev/null 2>&1
  sleep 5
done
short=$(python3 - "$work" "$rounds" <<'PY'
import json, sys
work, rounds = sys.argv[1], int(sys.argv[2])
medians = [[r["median"] * 1000 for r in json.load(open(f"{work}/round{k}.json"))["results"]] for k in range(1, rounds + 1)]
quiet = min(medians, key=lambda m: m[0])
for c in range(3):
    col = [m[c] for m in medians]
    print(f"{quiet[c]:.1f} ms ({min(col):.1f}–{max(col):.1f})")
PY
)

printf '%-36s %24s %14s\n' "run" "median" "peak RSS"
for i in "${!names[@]}"; do
  if [ "$i" -lt 3 ]; then
    median=$(echo "$short" | sed -n "$((i + 1))p")
    /usr/bin/time -v -o "$work/time.txt" ${cmds[$i]} >/dev/null 2>&1 || true
    rss=$(awk '/Maximum resident/ {printf "%.0f MB", $6 / 1024}' "$work/time.txt")
    printf '%-36s %24s %14s\n' "${names[$i]}" "$median" "$rss"
    continue
  fi
  runs=20
  case "${names[$i]}" in *100,000*|LibreOffice*) runs=3 ;; esac
  hyperfine -N --warmup 5 --runs "$runs" --export-json "$work/h.json" "${cmds[$i]}" >/dev/null 2>&1 \
    || hyperfine --warmup 5 --runs "$runs" --export-json "$work/h.json" "${cmds[$i]}" >/dev/null 2>&1
  median=$(grep -o '"median": *[0-9.e-]*' "$work/h.json" | head -1 | awk '{printf "%.1f ms", $2 * 1000}')
  /usr/bin/time -v -o "$work/time.txt" ${cmds[$i]} >/dev/null 2>&1 || true
  rss=$(awk '/Maximum resident/ {printf "%.0f MB", $6 / 1024}' "$work/time.txt")
  printf '%-36s %24s %14s\n' "${names[$i]}" "$median" "$rss"
done

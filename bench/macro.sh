#!/usr/bin/env bash
# Macro benchmark: end-to-end scans at scale, each next to a reference point measured in the
# same run, written to bench/RESULTS.md. Needs ../shared/corpora, python3 and GNU time.
#
#   bench/macro.sh [--quick]     (--quick: skip the million-document corpora)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
bin=${COPYTRAIL:-$root/build/copytrail}
corpora=${CORPORA:-$root/../shared/corpora}
work=${WORK:-$(mktemp -d /tmp/copytrail-macro-XXXXXX)}
quick=${1:-}
out=$here/RESULTS.md
rows=()

# run NAME CMD...: wall seconds and peak RSS (MB) of CMD.
measure() {
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null 2> "$work/stderr" || {
    cat "$work/stderr" >&2; return 1; }
  read -r secs kb < "$work/time"
  echo "$secs $((kb / 1024))"
}

scan() { measure "$bin" scan "$@" -f json -o "$work/report.json" -q; }
stat() { python3 -c "import json,sys; s=json.load(open('$work/report.json'))['stats']; print(s$1)"; }

cat "$corpora"/*/corpus.jsonl > "$work/all.jsonl"
bytes=$(stat -c %s "$work/all.jsonl" 2>/dev/null || wc -c < "$work/all.jsonl")
# The two ratios that are targets (scan against wc -w, 1 thread against 2) come from five rounds
# that alternate the commands, each ratio taken within its round: on a shared machine one run of
# each can land in a slow and a quick moment (the same binary's speed-up from a second thread
# has measured 1.44x to 2.01x in five such rounds). Each row gives the round with its median ratio.
# The near-duplicate tier alone (--no-paraphrase) is what MinHash tools such as datasketch or
# text-dedup compute, so its ratio to wc -w is measured in the same rounds.
rounds=()
for _ in 1 2 3 4 5; do
  read -r wc_s _ < <(measure wc -w "$work/all.jsonl")
  read -r s2 m2 < <(scan "$work/all.jsonl" --threads 2)
  read -r s1 m1 < <(scan "$work/all.jsonl" --threads 1)
  read -r sn mn < <(scan "$work/all.jsonl" --threads 2 --no-paraphrase)
  rounds+=("$wc_s $s2 $m2 $s1 $m1 $sn $mn")
done
mapfile -t shared_rows < <(python3 - "$((bytes / 1000000))" "${rounds[@]}" <<'PY'
import sys
mb, rounds = sys.argv[1], [list(map(float, r.split())) for r in sys.argv[2:]]

# The round with the median ratio of column t (a scan's seconds) to wc -w, as a row.
def against_wc(label, t):
    by = sorted(rounds, key=lambda r: r[t] / r[0])
    wc, secs, mem = by[2][0], by[2][t], by[2][t + 1]
    print(f"| {label} | {secs:g} s | {mem:g} MB | wc -w: {wc:g} s | "
          f"{secs / wc:.1f}x wc -w (five rounds: {'/'.join('%.1f' % (r[t] / r[0]) for r in by)}x) |")

against_wc(f"all of ../shared/corpora (42.6k docs, {mb} MB), 2 threads", 1)
by_sp = sorted(rounds, key=lambda r: r[3] / r[1])
_, s2, _, s1, m1, _, _ = by_sp[2]
print(f"| same, 1 thread | {s1:g} s | {m1:g} MB | 2 threads: {s2:g} s | {s1 / s2:.2f}x speed-up from 2 threads "
      f"(five rounds: {'/'.join('%.2f' % (r[3] / r[1]) for r in by_sp)}x) |")
against_wc("same, --no-paraphrase (near-duplicates only), 2 threads", 5)
PY
)
rows+=("${shared_rows[@]}")

python3 "$root/tools/make_scale_corpus.py" --docs 100000 --out "$work/100k.jsonl" 2> /dev/null
read -r wc100 _ < <(measure wc -w "$work/100k.jsonl")
read -r t100 m100 < <(scan "$work/100k.jsonl")
rows+=("| 100k recombined news docs (10% copies) | $t100 s | $m100 MB | wc -w: $wc100 s | $(stat "['capped_buckets']") capped buckets |")

python3 "$root/tools/make_scale_corpus.py" --docs 100000 --same-boilerplate --out "$work/boiler.jsonl" 2> /dev/null
read -r tb mb < <(scan "$work/boiler.jsonl")
rows+=("| 100k docs, all with one boilerplate paragraph | $tb s | $mb MB | plain 100k: $t100 s | $(stat "['capped_buckets']") capped buckets |")

python3 - "$work/one.jsonl" "$corpora" <<'PY'
import json, sys, os
texts = [json.loads(l)["text"] for l in open(os.path.join(sys.argv[2], "bbc_news", "corpus.jsonl"))]
big = "\n\n".join(texts)
while len(big) < 100_000_000:
    big += "\n\n" + big
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"id": "huge", "text": big[:100_000_000]}) + "\n")
PY
read -r wc1 _ < <(measure wc -w "$work/one.jsonl")
read -r t1 m1doc < <(scan "$work/one.jsonl")
rows+=("| one 100 MB document | $t1 s | $m1doc MB | wc -w: $wc1 s | |")

if [[ "$quick" != "--quick" ]]; then
  python3 - "$work/copies.jsonl" "$corpora" <<'PY'
import json, sys, os
text = json.loads(open(os.path.join(sys.argv[2], "bbc_news", "corpus.jsonl")).readline())["text"]
with open(sys.argv[1], "w") as f:
    for i in range(1_000_000):
        f.write(json.dumps({"id": "c%d" % i, "text": text}) + "\n")
PY
  read -r tc mc < <(scan "$work/copies.jsonl")
  rows+=("| a million copies of one article | $tc s | $mc MB | | $(stat "['exact_duplicates']") exact duplicates |")

  python3 "$root/tools/make_scale_corpus.py" --docs 1000000 --out "$work/1m.jsonl" 2> /dev/null
  read -r wc1m _ < <(measure wc -w "$work/1m.jsonl")
  read -r t1m m1m < <(scan "$work/1m.jsonl")
  rows+=("| 1M recombined news docs (10% copies) | $t1m s | $m1m MB | wc -w: $wc1m s | $(python3 -c "print('%.1fx the 100k time' % ($t1m / $t100))") |")
fi

{
  echo "# Macro benchmark"
  echo
  echo "Made by \`bench/macro.sh $quick\` on $(date -u +%Y-%m-%d), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)),"
  echo "copytrail $("$bin" --version | cut -d' ' -f2). Times are wall-clock seconds of one run, peak memory is the"
  echo "maximum resident set; each row names a reference measured in the same run (the machine is shared"
  echo "and noisy: compare ratios, not absolute times). Recombined corpora come from"
  echo "\`tools/make_scale_corpus.py\` (sentences of the real corpora recombined into new documents, 10% of"
  echo "them derived copies)."
  echo
  echo "| corpus | scan | peak memory | reference | note |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} > "$out"
cat "$out"
[[ -n "${WORK:-}" ]] || rm -rf "$work"

#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer and AddressSanitizer, one target at a time:
#   bash Benchmarks/fuzz.sh [SECONDS] [TARGET...]     (default 600 s each; targets: report numbers rules docx)
# Seeds come from samples/, rules/ and the .docx fixtures; the corpus grows in $FUZZ_DIR
# (default /tmp/reportlint-fuzz). A crash is written there as crash-*; replay it with the
# normal build (`swift build && .build/debug/fuzz-report FILE`), fix it, and copy the input to
# Tests/FuzzRegressionTests/Inputs/TARGET/ so the test suite replays it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=${*:-report numbers rules docx}
work=${FUZZ_DIR:-/tmp/reportlint-fuzz}
mkdir -p "$work"

# lld: gold fails on libFuzzer's archive; -DFUZZING lets libFuzzer drive FuzzDriver.
for target in $targets; do
  swift build --scratch-path .build-fuzz -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
    -Xswiftc -use-ld=lld --product "fuzz-$target" >/dev/null
done

for target in $targets; do
  corpus="$work/$target-corpus"
  mkdir -p "$corpus"
  case $target in
    report|numbers) cp -n samples/*.txt samples/*.md "$corpus/" 2>/dev/null || true ;;
    rules) cp -n rules/*.yaml Tests/CLITests/Fixtures/*.y*ml "$corpus/" 2>/dev/null || true ;;
    docx) cp -n samples/*.docx Tests/DocxReaderTests/Fixtures/*.docx "$corpus/" 2>/dev/null || true ;;
  esac
  cp -n Tests/FuzzRegressionTests/Inputs/$target/* "$corpus/" 2>/dev/null || true
  log="$work/$target.log"
  echo "fuzzing $target for $seconds s (log: $log)"
  status=0
  ASAN_OPTIONS=detect_leaks=0 ./.build-fuzz/debug/fuzz-$target "$corpus" -max_total_time="$seconds" \
    -max_len=65536 -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$work/$target-" -print_final_stats=1 \
    >"$log" 2>&1 || status=$?
  runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
  echo "  $target: ${runs:-?} executions, exit $status, corpus $(ls "$corpus" | wc -l) inputs"
  ls "$work/$target-"crash-* "$work/$target-"timeout-* "$work/$target-"oom-* 2>/dev/null | sed 's/^/  found: /' || true
done

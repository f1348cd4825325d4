#!/usr/bin/env bash
# The benchmark: a release build with the Swift standard library linked statically, a
# deterministic corpus (1,000 and 10,000 reports of 5-30 KB, a 20 MB report, a report with a
# 1 MB line), and the figures of Benchmarks/measure.py. Run it on a quiet machine:
#   bash Benchmarks/run.sh            # corpus in /tmp/reportlint-bench (BENCH_DIR overrides)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${BENCH_DIR:-/tmp/reportlint-bench}
swift build -c release --static-swift-stdlib --scratch-path .build-release --product reportlint >/dev/null
bin=.build-release/release/reportlint
if [ ! -d "$work/c10000" ]; then
  python3 Benchmarks/make-corpus.py "$work/c1000" --files 1000
  python3 Benchmarks/make-corpus.py "$work/c10000" --files 10000 --big
fi
python3 -c 'import yaml' 2>/dev/null || pip install -q pyyaml
echo "machine: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d)"
python3 Benchmarks/measure.py --bin "$bin" --work "$work"

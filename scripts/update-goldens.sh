#!/usr/bin/env bash
# Regenerates the golden outputs the CLI tests compare against (gcc, json and github formats over
# samples/). Read the diff before committing. SCRATCH=.build-x uses another build folder.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${SCRATCH:-.build}
swift build --scratch-path "$scratch"
bin=$scratch/debug/reportlint
for format in gcc json github; do
  "$bin" --format "$format" samples/ > "Tests/CLITests/Golden/samples.$format" || test $? -eq 1
done
git --no-pager diff --stat -- Tests/CLITests/Golden || true

#!/usr/bin/env bash
# Regenerates the golden outputs the CLI tests compare against. Read the diff before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build
bin=.build/debug/reportlint
$bin --format gcc samples/ > Tests/CLITests/Golden/samples.gcc || test $? -eq 1
git --no-pager diff --stat -- Tests/CLITests/Golden || true

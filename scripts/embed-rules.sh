#!/usr/bin/env bash
# Regenerates Sources/Rules/BuiltinRuleSets.swift from rules/*.yaml, so the built-in rule sets
# are compiled into the binary (reportlint works from any directory, and after being copied):
# each file's YAML text, and a snapshot of its parsed tree that start-up decodes instead of
# parsing the YAML. The work is done by the embed-rules target (Sources/embed-rules/main.swift),
# which refuses a rule file that does not parse or cannot be embedded.
# A test fails when the generated file is stale: run this after editing rules/.
set -euo pipefail
cd "$(dirname "$0")/.."
swift run -c debug embed-rules

#!/usr/bin/env python3
"""Measures a release reportlint over the corpus made by make-corpus.py (see run.sh).

Prints: single-report latency (process start to exit, median of many runs), corpus throughput
(files/s, MB/s, per core), peak memory (GNU time's maximum resident set size), the speed-up of
--jobs 2 over --jobs 1, the time of `grep -c -P` with the text rules' combined patterns over
the same bytes (and, as the floor under that ratio, reportlint with no rules and with the text
rules alone), and how time grows from 1 MB in normal lines to 1 MB on a single line and to a
20 MB report.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import time

import yaml  # PyYAML, only to read the patterns of the text rules for the grep reference


def run(cmd, repeat=1):
    """Wall time of each run (s) and the peak RSS (KiB) of the slowest."""
    times, peak = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode not in (0, 1):
            sys.exit(f"command failed ({result.returncode}): {' '.join(cmd)}\n{result.stderr[-2000:]}")
        peak = max(peak, int(result.stderr.strip().splitlines()[-1]))
    return times, peak


def spawn_times(cmd, repeat):
    """Start-to-exit wall time of each run (s), started with posix_spawn and no wrapper process
    (GNU time or a shell would add their own start-up to a figure of a few milliseconds)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    actions = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
    times = []
    for _ in range(repeat + 3):
        start = time.perf_counter()
        pid = os.posix_spawn(cmd[0], cmd, os.environ, file_actions=actions)
        os.waitpid(pid, 0)
        times.append(time.perf_counter() - start)
    os.close(devnull)
    return times[3:]  # the first runs warm the page cache


def size_of(path):
    if os.path.isfile(path):
        return os.path.getsize(path), 1
    total = files = 0
    for root, _, names in os.walk(path):
        for name in names:
            total += os.path.getsize(os.path.join(root, name))
            files += 1
    return total, files


def text_rule_patterns(rules_dir):
    patterns = []
    def walk(node, key=None):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and key in ("forbid", "require", "wrong", "pattern", "match", "any", "old", "new", "variants"):
            patterns.append(node)
    for name in sorted(os.listdir(rules_dir)):
        if name in ("vi-text.yaml", "nd30.yaml") or name.startswith("vi-"):
            with open(os.path.join(rules_dir, name), encoding="utf-8") as f:
                walk(yaml.safe_load(f))
    return "|".join(f"(?:{p})" for p in patterns if p)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--rules", default="rules")
    args = parser.parse_args()
    base = [args.bin, "--format", "gcc", "--no-config"]
    cores = os.cpu_count()

    # One report of about 15 KB, start to exit.
    one = None
    for root, _, names in os.walk(os.path.join(args.work, "c1000")):
        for name in sorted(names):
            path = os.path.join(root, name)
            if 14_000 <= os.path.getsize(path) <= 16_000:
                one = path
                break
        if one:
            break
    _, peak = run(base + [one])
    times = spawn_times(base + [one], repeat=60)
    version = spawn_times([args.bin, "--version"], repeat=60)
    print(f"single report ({os.path.getsize(one) // 1024} KB): median {statistics.median(times) * 1000:.1f} ms, "
          f"p90 {sorted(times)[int(len(times) * 0.9)] * 1000:.1f} ms, peak {peak // 1024} MB; "
          f"`reportlint --version` (start-up and argument parsing alone): median {statistics.median(version) * 1000:.1f} ms")

    for corpus in ("c1000", "c10000"):
        path = os.path.join(args.work, corpus)
        if not os.path.isdir(path):
            continue
        size, files = size_of(path)
        parallel, peak_parallel = run(base + [path], repeat=3)
        serial, peak_serial = run(base + ["--jobs", "1", path], repeat=3)
        p, s = min(parallel), min(serial)
        print(f"{corpus}: {files} files, {size / 1e6:.1f} MB; all cores ({cores}): {p:.2f} s, {files / p:.0f} files/s, "
              f"{size / 1e6 / p:.1f} MB/s ({size / 1e6 / p / cores:.1f} MB/s per core), peak {peak_parallel // 1024} MB; "
              f"--jobs 1: {s:.2f} s, peak {peak_serial // 1024} MB; speed-up {s / p:.2f}x")
        pattern = text_rule_patterns(args.rules)
        if pattern:
            grep, _ = run(["grep", "-r", "-c", "-P", pattern, path], repeat=3)
            print(f"{corpus}: grep -c -P with the text rules' {pattern.count('(?:')} patterns: {min(grep):.2f} s "
                  f"(reportlint / grep = {p / min(grep):.1f}x all cores, {s / min(grep):.1f}x one core)")
            # The floor under that ratio: reading, decoding and parsing the reports with no rule
            # at all (an empty `extends`), and with the text rule set alone, on one core.
            for label, sets in (("no rules (read, decode, parse)", "[]"), ("the text rules alone (vi-text)", "[vi-text]")):
                config = os.path.join(args.work, f"floor-{len(sets)}.yml")
                with open(config, "w", encoding="utf-8") as f:
                    f.write(f"extends: {sets}\n")
                floor, _ = run([args.bin, "--format", "gcc", "--config", config, "--jobs", "1", path], repeat=3)
                print(f"{corpus}: reportlint with {label}, one core: {min(floor):.2f} s ({min(floor) / min(grep):.1f}x grep)")

    lines = os.path.join(args.work, "many-lines-1mb.txt")
    single = os.path.join(args.work, "one-line-1mb.txt")
    big = os.path.join(args.work, "big-20mb.txt")
    if os.path.exists(big):
        t_lines, _ = run(base + [lines], repeat=3)
        t_single, _ = run(base + [single], repeat=3)
        t_big, peak_big = run(base + [big], repeat=1)
        print(f"1 MB in normal lines: {min(t_lines):.2f} s; 1 MB on one line: {min(t_single):.2f} s "
              f"({min(t_single) / min(t_lines):.1f}x); 20 MB report: {t_big[0]:.2f} s "
              f"({t_big[0] / min(t_lines):.1f}x the 1 MB time), peak {peak_big // 1024} MB")


if __name__ == "__main__":
    main()

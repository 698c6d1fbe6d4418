#!/usr/bin/env python3
"""What `--state` costs each stage (docs/BENCHMARKS.md, "Chaos").

Feeds each of normalize, resolve-identity, score and alert the previous stage's output for a touchpoint-gen
population (ingest with a barrier every N records), and times it best of three without and with `--state` (a
fresh state folder each time), so a checkpoint cost that grows with the state shows as a gap between the columns.

Usage: docs/benchmarks/stage_state_cost.py POPULATION_DIR [--bin DIR] [--barrier-every N]
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

FILES = ["segment.ndjson", "web.log", "pos.csv", "tickets.ndjson", "calls.csv", "surveys.csv", "social.ndjson"]
STAGES = ["normalize", "resolve-identity", "score", "alert"]


def main():
    arguments = sys.argv[1:]
    if not arguments or arguments[0].startswith("-"):
        sys.exit(__doc__)
    population, binaries, barrier_every = arguments.pop(0), ".build/release", 1000
    while arguments:
        flag = arguments.pop(0)
        if flag == "--bin":
            binaries = arguments.pop(0)
        elif flag == "--barrier-every":
            barrier_every = int(arguments.pop(0))
        else:
            sys.exit(f"unknown argument {flag}\n{__doc__}")
    work = tempfile.mkdtemp(prefix="touchpoint-state-cost-")
    try:
        inputs = [os.path.join(work, "0.ndjson")]
        with open(inputs[0], "wb") as out:
            subprocess.run(
                [os.path.join(binaries, "ingest"), "--received", "2026-11-01T00:00:00Z", "--barrier-every",
                 str(barrier_every)] + [os.path.join(population, name) for name in FILES],
                stdout=out, stderr=subprocess.DEVNULL, check=True)
        for index, stage in enumerate(STAGES[:-1]):
            inputs.append(os.path.join(work, f"{index + 1}.ndjson"))
            with open(inputs[index], "rb") as source, open(inputs[index + 1], "wb") as out:
                subprocess.run([os.path.join(binaries, stage)], stdin=source, stdout=out,
                               stderr=subprocess.DEVNULL, check=True)
        with open(inputs[0], "rb") as first:
            records = sum(1 for _ in first)
        print(f"{records} records into normalize, a barrier every {barrier_every}")
        print("| stage | without --state | with --state |")
        print("|---|---:|---:|")
        for stage, source in zip(STAGES, inputs):
            cells = []
            for extra in ([], ["--state", os.path.join(work, "state")]):
                best = None
                for _ in range(3):
                    shutil.rmtree(os.path.join(work, "state"), ignore_errors=True)
                    with open(source, "rb") as feed:
                        started = time.monotonic()
                        subprocess.run([os.path.join(binaries, stage)] + extra, stdin=feed,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
                        elapsed = time.monotonic() - started
                    best = elapsed if best is None else min(best, elapsed)
                cells.append(f"{best:.2f} s")
            print(f"| {stage} | {cells[0]} | {cells[1]} |", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
